package dev.orderly.domain.reassembly;

import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.ConsumedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * The data records of one seq read so far. Records of a streamed transaction carry no count until its
 * last part, so the count is learnt from whichever record carries it. Not thread-safe.
 */
final class PendingRows implements PendingTransaction<ConsumedRecord> {

    private final long seq;
    private final String id;
    private final ConsumedRecord first;
    private final Map<Integer, ConsumedRecord> byIndex = new HashMap<>();
    /** The first record that carried the count; {@code null} while none has. */
    private ConsumedRecord countCarrier;
    private ConsumedRecord highestIndex;

    /** Holds {@code first}, which must carry a transaction mark. */
    PendingRows(ConsumedRecord first) {
        this.seq = first.txn().seq();
        this.id = first.txn().id();
        this.first = first;
        add(first);
    }

    @Override
    public boolean holds(ConsumedRecord record) {
        return byIndex.containsKey(record.txn().index());
    }

    /**
     * @throws TransactionReassemblyException when {@code record} contradicts the records held: another
     *     id, another count, or an index the count does not allow
     */
    @Override
    public void checkFits(ConsumedRecord record) {
        TransactionMark txn = record.txn();
        if (!txn.id().equals(id)) {
            throw new TransactionReassemblyException("seq " + seq + " has records of two transactions: id '" + id + "' at " + first.position()
                    + " and id '" + txn.id() + "' at " + record.position() + "; every record of a seq must carry its transaction's id (H4)");
        }
        if (txn.countKnown() && countCarrier != null && txn.count() != countCarrier.txn().count()) {
            throw new TransactionReassemblyException(describe() + " has records with two counts: " + countCarrier.txn().count() + " at "
                    + countCarrier.position() + " and " + txn.count() + " at " + record.position());
        }
        if (countCarrier != null && txn.index() >= countCarrier.txn().count()) {
            throw outOfRange(record, countCarrier);
        }
        if (txn.countKnown() && highestIndex.txn().index() >= txn.count()) {
            throw outOfRange(highestIndex, record);
        }
    }

    @Override
    public void add(ConsumedRecord record) {
        byIndex.put(record.txn().index(), record);
        if (countCarrier == null && record.txn().countKnown()) {
            countCarrier = record;
        }
        if (highestIndex == null || record.txn().index() > highestIndex.txn().index()) {
            highestIndex = record;
        }
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public int size() {
        return byIndex.size();
    }

    @Override
    public String describe() {
        return "seq " + seq + " (id '" + id + "')";
    }

    @Override
    public Optional<String> missing() {
        if (countCarrier == null) {
            return Optional.of("no record carries the transaction's count, so its last part is missing (indexes held: "
                    + Ranges.of(heldIndexes()) + ")");
        }
        int count = countCarrier.txn().count();
        if (byIndex.size() == count) {
            return Optional.empty();
        }
        long[] absent = LongStream.range(0, count).filter(index -> !byIndex.containsKey((int) index)).toArray();
        return Optional.of("index " + Ranges.of(absent) + " of " + count + " missing (count from " + countCarrier.position() + ")");
    }

    @Override
    public String positions() {
        return Ranges.positions(byIndex.values(), ConsumedRecord::partition, ConsumedRecord::offset);
    }

    @Override
    public ReassembledTransaction reassembled() {
        List<ConsumedRecord> records = new ArrayList<>(byIndex.size());
        for (int index = 0; index < byIndex.size(); index++) {
            records.add(byIndex.get(index));
        }
        return ReassembledTransaction.ofRecords(seq, id, records);
    }

    private long[] heldIndexes() {
        return byIndex.keySet().stream().mapToLong(Integer::longValue).sorted().toArray();
    }

    private TransactionReassemblyException outOfRange(ConsumedRecord record, ConsumedRecord carrier) {
        return new TransactionReassemblyException(describe() + " has index " + record.txn().index() + " at " + record.position()
                + " but its count is " + carrier.txn().count() + " (from " + carrier.position() + ")");
    }
}
