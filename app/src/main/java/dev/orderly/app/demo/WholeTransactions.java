package dev.orderly.app.demo;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.reassembly.ReassembledTransaction;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.ControlRecord;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.StoredRecord;
import dev.orderly.ports.TopicReaderPort;
import dev.orderly.ports.TransactionStreamPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a topic back as the whole transactions a consumer applies, so that two topics of the same
 * workload can be compared transaction by transaction: a {@code one_partition} topic read in order,
 * a {@code hash} topic through the transaction re-assembler.
 */
public final class WholeTransactions {

    private WholeTransactions() {
    }

    /**
     * Partition 0 of a {@code one_partition} topic, grouped by transaction in the order read;
     * watermarks and epoch markers are left out, schema changes kept.
     *
     * @throws IllegalStateException when the topic ends inside a transaction
     */
    public static List<WholeTransaction> ofOnePartitionTopic(TopicReaderPort reader, String topic, MessageFormatPort format) {
        List<WholeTransaction> transactions = new ArrayList<>();
        List<ConsumedRecord> open = new ArrayList<>();
        for (StoredRecord stored : reader.readAll(topic)) {
            Optional<ControlRecord> control = RecordHeaders.readControl(stored.partition(), stored.offset(), stored.headers());
            if (control.isPresent()) {
                if (control.get().kind() == ControlRecord.Kind.DDL) {
                    transactions.add(schemaChange(control.get()));
                }
                continue;
            }
            ConsumedRecord record = format.read(stored.partition(), stored.offset(), stored.key(), stored.value(), stored.headers());
            open.add(record);
            if (record.txn() != null && record.txn().isLast()) {
                transactions.add(of(record.txn().seq(), record.txn().id(), open));
                open = new ArrayList<>();
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " ends inside a transaction: " + open.size() + " records from " + open.get(0).position());
        }
        return transactions;
    }

    /**
     * The whole transactions of a {@code hash} topic as the stream releases them, until {@code expected}
     * came or {@code timeout} passed.
     */
    public static List<WholeTransaction> ofStream(TransactionStreamPort stream, long expected, Duration timeout) {
        List<WholeTransaction> transactions = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (transactions.size() < expected && System.nanoTime() < deadline) {
            for (ReassembledTransaction transaction : stream.poll(Duration.ofMillis(500))) {
                transactions.add(transaction.isSchemaChange() ? schemaChange(transaction.schemaChange())
                        : of(transaction.seq(), transaction.id(), transaction.records()));
            }
        }
        return transactions;
    }

    /**
     * The first difference between two lists of transactions, in words; empty when they are equal.
     */
    public static Optional<String> firstDifference(List<WholeTransaction> expected, List<WholeTransaction> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return Optional.of("transaction " + (i + 1) + " differs: expected " + expected.get(i) + " but got " + actual.get(i));
            }
        }
        return expected.size() == actual.size() ? Optional.empty()
                : Optional.of("expected " + expected.size() + " transactions but got " + actual.size());
    }

    private static WholeTransaction schemaChange(ControlRecord control) {
        return new WholeTransaction(control.seq(), control.transactionId(), List.of(), control.tables());
    }

    private static WholeTransaction of(long seq, String id, List<ConsumedRecord> records) {
        List<AppliedChange> changes = new ArrayList<>(records.size());
        ConsumedRecord deleteHalf = null;
        for (ConsumedRecord record : records) {
            if (record.split() == SplitRole.KEY_CHANGE_DELETE) {
                deleteHalf = record;
            } else if (record.split() == SplitRole.KEY_CHANGE_INSERT && deleteHalf != null) {
                changes.add(new AppliedChange(record.table(), Operation.UPDATE, deleteHalf.before(), record.after(), record.schemaVersion()));
                deleteHalf = null;
            } else {
                changes.add(new AppliedChange(record.table(), record.operation(), record.before(), record.after(), record.schemaVersion()));
            }
        }
        if (deleteHalf != null) {
            changes.add(new AppliedChange(deleteHalf.table(), Operation.DELETE, deleteHalf.before(), null, deleteHalf.schemaVersion()));
        }
        return new WholeTransaction(seq, id, changes, List.of());
    }
}
