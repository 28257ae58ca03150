package dev.orderly.bench;

import static dev.orderly.bench.Figures.figure;

import dev.orderly.ports.Checkpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The huge-transaction check of issue 7, on the small backlog's servers after the latency runs: a
 * fresh seed checkpoint at the current end of the binlog, then ONE transaction of many rows
 * (statements of {@link #ROWS_PER_STATEMENT} rows between BEGIN and COMMIT), drained by orderly
 * {@code one_partition} at-least-once and {@code hash} exactly-once with a small heap. Running out of
 * heap ends the JVM ({@code -XX:+ExitOnOutOfMemoryError}), so such a run fails; the GC log gives the
 * highest occupancy a collection left. Exactly-once, orderly may split the source transaction into
 * several Kafka transactions ({@code sink.max-transaction-records}); the checks allow it.
 */
final class HugeTransaction {

    static final List<Contender> CONTENDERS = List.of(Contender.ORDERLY_ONE, Contender.ORDERLY_HASH_EOS);
    static final String WORKLOAD = "huge";
    private static final int ROWS_PER_STATEMENT = 1_000;

    private HugeTransaction() {
    }

    /** Seeds, writes the transaction, drains it with each contender; a failure before the runs is reported, not thrown. */
    static HugeResults phase(WorkloadSession session, HarnessOptions options) {
        long started = System.nanoTime();
        Harness.log("huge transaction: %,d rows in one transaction, drained with -Xmx%s", options.hugeRows(), options.hugeHeap());
        List<HugeRun> runs = new ArrayList<>();
        double writeSeconds = Double.NaN;
        String failure = "";
        try {
            Checkpoint seed = session.reseed("seed-huge");
            IdRange ids = session.takeIds(options.hugeRows());
            writeSeconds = write(session, ids);
            Harness.log("  huge transaction %s written in %.1f s", ids, writeSeconds);
            for (Contender contender : CONTENDERS) {
                String name = "huge-" + contender.id();
                Path gcLog = session.runDirectory(name).resolve("gc.log");
                Measurement measurement = session.drain(contender, WORKLOAD, name, ids, seed.seq() + 1, options.hugeHeap(),
                        List.of("-Xlog:gc:file=" + gcLog));
                HugeRun run = new HugeRun(measurement, options.hugeHeap(), GcLog.peakAfterGcMegabytes(gcLog));
                runs.add(run);
                Harness.log("  huge %-45s -Xmx%s: %9s rows/s, peak heap after GC %s MB, %.1f s; %s", contender.label(options.partitions()),
                        options.hugeHeap(), figure(measurement.rowsPerSecond()), figure(run.peakHeapAfterGcMegabytes()), measurement.seconds(),
                        measurement.valid() ? "valid" : "INVALID: " + measurement.check());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = e.toString().lines().findFirst().orElse("");
            Harness.log("  huge transaction phase failed: %s", e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Harness.log("  huge transaction phase took %.1f s", seconds);
        return new HugeResults(options.hugeRows(), options.hugeHeap(), writeSeconds, runs, failure, seconds, options.partitions());
    }

    /** Writes the rows {@code ids} in one transaction; returns the seconds it took. */
    private static double write(WorkloadSession session, IdRange ids) throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = session.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            StringBuilder sql = new StringBuilder();
            for (long id = ids.first(); id <= ids.last(); id += ROWS_PER_STATEMENT) {
                sql.setLength(0);
                session.rows().appendInsert(sql, id, (int) Math.min(ROWS_PER_STATEMENT, ids.last() - id + 1));
                statement.executeUpdate(sql.toString());
            }
            connection.commit();
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
