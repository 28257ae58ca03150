package dev.orderly.it;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.domain.verify.CommittedTransaction;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.OrderVerifier;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.domain.verify.VerifierSettings;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.workload.WorkloadSchema;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The topic a pipeline of the sample workload writes, and the checks a test runs on it: read back
 * ({@code read_committed}), wait for every transaction, the order verifier (replayed suffixes
 * allowed only at-least-once), the replay against the source tables, and the pipeline's checkpoint.
 */
final class DeliveredTopic {

    private final DemoScenario scenario;
    private final OrderlySettings settings;
    private final String db;

    /** @param db the workload's database; the topic holds its tables only */
    DeliveredTopic(DemoScenario scenario, OrderlySettings settings, String db) {
        this.scenario = scenario;
        this.settings = settings;
        this.db = db;
    }

    OrderlySettings settings() {
        return settings;
    }

    String mode() {
        return settings.partition().mode();
    }

    /** Every record of the topic, decoded. */
    List<ConsumedRecord> read() {
        return scenario.readBack(settings);
    }

    /** The number of distinct transactions ({@code seq}) among the records. */
    static long distinctTransactions(List<ConsumedRecord> records) {
        return records.stream().filter(record -> record.txn() != null).mapToLong(record -> record.txn().seq()).distinct().count();
    }

    /**
     * Reads the topic until it holds {@code transactions} distinct transactions.
     *
     * @return the records read last
     * @throws AssertionError when {@code writer} exits or the timeout passes first
     */
    List<ConsumedRecord> awaitTransactions(long transactions, Duration timeout, OrderlyProcess writer) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumedRecord> records = read();
            long found = distinctTransactions(records);
            if (found >= transactions) {
                return records;
            }
            if (!writer.isAlive()) {
                throw new AssertionError(describe() + ": orderly exited while the topic held " + found + " of " + transactions + " transactions"
                        + writer.logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(describe() + ": the topic held " + found + " of " + transactions + " transactions after "
                        + timeout.toSeconds() + " s" + writer.logTail());
            }
            Thread.sleep(500);
        }
    }

    /** The pipeline's committed checkpoint: in the state directory (at-least-once) or the offsets topic (exactly-once). */
    Optional<Checkpoint> checkpoint() {
        return Orderly.offsetStore(settings).load();
    }

    boolean exactlyOnce() {
        return settings.sink().delivery() == DeliveryMode.EXACTLY_ONCE;
    }

    /** The mode and the delivery, e.g. {@code hash exactly-once}. */
    String describe() {
        return mode() + " " + settings.sink().delivery().configValue();
    }

    /**
     * Waits for the pipeline's first checkpoint: before it, a pipeline without a checkpoint that
     * restarts starts at the end of the binlog (snapshot mode no_data), so only from then on is every
     * change the workload writes sure to reach the topic.
     */
    Checkpoint awaitCheckpoint(Duration timeout, OrderlyProcess writer) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Checkpoint> checkpoint = checkpoint();
            if (checkpoint.isPresent()) {
                return checkpoint.get();
            }
            if (!writer.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(describe() + ": orderly committed no checkpoint within " + timeout.toSeconds() + " s" + writer.logTail());
            }
            Thread.sleep(100);
        }
    }

    /**
     * The order verifier's report against what the source committed: at-least-once allows replayed
     * suffixes (D1); exactly-once allows no repeat at all (D2).
     */
    VerificationReport verify(List<ConsumedRecord> records, List<CommittedTransaction> history) {
        boolean onePartition = PartitionMode.byName(mode()).filter(PartitionMode.ONE_PARTITION::equals).isPresent();
        VerifierSettings strict = new VerifierSettings(onePartition ? OrderingGuarantee.TOTAL : OrderingGuarantee.PER_KEY,
                settings.sink().partitions(), WorkloadSchema.shardingColumns(db), WorkloadSchema.identityColumns(db));
        return OrderVerifier.verify(records, exactlyOnce() ? strict : strict.allowingReplays(), Optional.of(history));
    }

    /**
     * Writes the evidence of a failed check to {@code directory}, which outlives the test run:
     * {@code <name>-violations.txt} (every violation) and {@code <name>-records.tsv} (every record's
     * partition, offset, transaction fields, table, operation and key).
     */
    void writeEvidence(List<ConsumedRecord> records, VerificationReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        String name = settings.name();
        Files.write(directory.resolve(name + "-violations.txt"), report.violations().stream().map(Violation::toString).toList());
        List<String> lines = new ArrayList<>();
        lines.add("partition\toffset\tseq\tindex\tcount\tid\ttable\toperation\tsplit\tkey");
        for (ConsumedRecord record : records) {
            TransactionMark txn = record.txn();
            lines.add(record.partition() + "\t" + record.offset() + "\t" + (txn == null ? "\t\t\t" : txn.seq() + "\t" + txn.index() + "\t" + txn.count()
                    + "\t" + txn.id()) + "\t" + record.table() + "\t" + record.operation() + "\t" + record.split() + "\t"
                    + (record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8)));
        }
        Files.write(directory.resolve(name + "-records.tsv"), lines);
    }

    /** Differences between the records replayed in commit order and the source tables; empty when equal. */
    List<String> replayProblems(List<ConsumedRecord> records) throws SQLException {
        return scenario.replayProblems(records);
    }
}
