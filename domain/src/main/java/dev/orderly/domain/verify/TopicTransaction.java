package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.ordering.TransactionMark;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * The records of one transaction ({@code seq}) found in the topic, duplicates removed. Records are
 * added in (partition, offset) order.
 */
final class TopicTransaction {

    private final long seq;
    private final List<ConsumedRecord> records = new ArrayList<>();
    private List<ConsumedRecord> byIndex;

    TopicTransaction(long seq) {
        this.seq = seq;
    }

    void add(ConsumedRecord record) {
        requireNonNull(record.txn(), "record.txn is null");
        records.add(record);
        byIndex = null;
    }

    long seq() {
        return seq;
    }

    /** The records in (partition, offset) order. */
    List<ConsumedRecord> records() {
        return records;
    }

    /** The records in index order. */
    List<ConsumedRecord> byIndex() {
        if (byIndex == null) {
            byIndex = new ArrayList<>(records);
            byIndex.sort(Comparator.comparingInt(record -> record.txn().index()));
        }
        return byIndex;
    }

    /** The mark of the first record in (partition, offset) order; the others must agree with it. */
    TransactionMark reference() {
        return records.get(0).txn();
    }

    String describe() {
        return "transaction seq " + seq + " (id '" + reference().id() + "')";
    }

    /** Where the transaction is reported: its first record in the stream (total order) or its first change (per key). */
    ConsumedRecord anchor(boolean totalOrder) {
        return totalOrder ? records.get(0) : byIndex().get(0);
    }

    /** The indices in {@code [0, count)} of the reference mark that no record has. */
    BitSet missingIndices() {
        int count = reference().count();
        BitSet missing = new BitSet(count);
        missing.set(0, count);
        records.forEach(record -> missing.clear(record.txn().index()));
        return missing;
    }

    /** Whether every record agrees on id and count and every index in {@code [0, count)} is present once. */
    boolean complete() {
        TransactionMark reference = reference();
        boolean marksAgree = records.stream()
                .allMatch(record -> record.txn().count() == reference.count() && record.txn().id().equals(reference.id()));
        return marksAgree && records.size() == reference.count() && missingIndices().isEmpty();
    }
}
