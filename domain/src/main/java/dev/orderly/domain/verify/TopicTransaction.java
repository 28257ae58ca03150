package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.ordering.TransactionMark;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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

    /**
     * The first record, in (partition, offset) order, that carries the transaction's count; empty when
     * none does (every record of a streamed transaction but its last part carries an unknown count).
     */
    Optional<ConsumedRecord> counted() {
        return records.stream().filter(record -> record.txn().countKnown()).findFirst();
    }

    /** The count the records carry, or {@link TransactionMark#UNKNOWN_COUNT} when none carries it. */
    int count() {
        return counted().map(record -> record.txn().count()).orElse(TransactionMark.UNKNOWN_COUNT);
    }

    String describe() {
        return "transaction seq " + seq + " (id '" + reference().id() + "')";
    }

    /** Where the transaction is reported: its first record in the stream (total order) or its first change (per key). */
    ConsumedRecord anchor(boolean totalOrder) {
        return totalOrder ? records.get(0) : byIndex().get(0);
    }

    /**
     * The indices in {@code [0, count)} that no record has; without a known count, those below the
     * highest index present.
     */
    BitSet missingIndices() {
        int count = count();
        int expected = count == TransactionMark.UNKNOWN_COUNT ? byIndex().get(byIndex().size() - 1).txn().index() + 1 : count;
        BitSet missing = new BitSet(expected);
        missing.set(0, expected);
        records.forEach(record -> missing.clear(record.txn().index()));
        return missing;
    }

    /**
     * Whether some record carries the count, every record agrees on id and on the count where it
     * carries one, and every index in {@code [0, count)} is present once.
     */
    boolean complete() {
        TransactionMark reference = reference();
        int count = count();
        boolean marksAgree = records.stream().allMatch(record -> record.txn().id().equals(reference.id())
                && (!record.txn().countKnown() || record.txn().count() == count));
        return count != TransactionMark.UNKNOWN_COUNT && marksAgree && records.size() == count && missingIndices().isEmpty();
    }
}
