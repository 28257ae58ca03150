package dev.orderly.it;

import dev.orderly.domain.verify.CommittedTransaction;
import dev.orderly.sandbox.EmbeddedDatabase;
import dev.orderly.sandbox.workload.BinlogListing;
import dev.orderly.sandbox.workload.SampleWorkload;
import dev.orderly.sandbox.workload.WorkloadOptions;
import dev.orderly.sandbox.workload.WorkloadResult;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample workload on one database, written as a series of runs (chunks), each with its own tag
 * label, so that a test can spread it over time, pause it or write while no orderly runs; and the
 * history the server committed over all of them. Each run is concurrent ({@code writers} writers).
 *
 * <p>Thread-safe: one thread may write while another reads the counts.
 */
final class ChunkedWorkload {

    private final EmbeddedDatabase database;
    private final String db;
    private final int writers;
    private final long seed;
    private final Map<String, CommittedTransaction> journal = new HashMap<>();
    private int runs;
    private long changes;

    ChunkedWorkload(EmbeddedDatabase database, String db, int writers, long seed) {
        this.database = database;
        this.db = db;
        this.writers = writers;
        this.seed = seed;
    }

    /** (Re)creates the workload's database and tables, empty. */
    ChunkedWorkload createSchema() {
        database.execute(WorkloadSchema.ddl(db).toArray(String[]::new));
        return this;
    }

    /** Writes one run of at least {@code changes} committed changes. */
    WorkloadResult write(int changes) throws InterruptedException {
        int run;
        synchronized (this) {
            run = ++runs;
        }
        WorkloadResult result = new SampleWorkload(new WorkloadOptions(db, writers, changes, seed * 1_000 + run, 5, "r" + run + "-"),
                database.jdbcUrl(db), database.adminUser(), database.adminPassword()).run();
        synchronized (this) {
            journal.putAll(result.journal());
            this.changes += result.changes();
        }
        return result;
    }

    /** Writes runs of {@code chunk} changes with {@code pause} after each until at least {@code total} changes are committed. */
    void writeSpread(int total, int chunk, Duration pause) throws InterruptedException {
        while (changes() < total) {
            write((int) Math.min(chunk, total - changes()));
            if (changes() < total) {
                Thread.sleep(pause.toMillis());
            }
        }
    }

    synchronized long transactions() {
        return journal.size();
    }

    synchronized long changes() {
        return changes;
    }

    synchronized int runs() {
        return runs;
    }

    /** Every committed transaction of every run, in the commit order the server's binlog lists. */
    synchronized List<CommittedTransaction> history() throws SQLException {
        return BinlogListing.committedHistory(journal,
                BinlogListing.tagsInCommitOrder(database.jdbcUrl(db), database.adminUser(), database.adminPassword(), db));
    }
}
