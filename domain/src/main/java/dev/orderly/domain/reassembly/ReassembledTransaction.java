package dev.orderly.domain.reassembly;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.ControlRecord;
import java.util.List;

/**
 * One whole transaction put back together from the partitions of a {@code hash} topic: either the
 * data records of a source transaction, every index from 0 to count - 1 exactly once, or a schema
 * change (H6), which takes a seq of its own. Build one with {@link #ofRecords} or
 * {@link #ofSchemaChange}.
 *
 * @param seq the commit sequence, at least 1
 * @param id the source transaction id of the records, or of the schema change's statement
 * @param records the data records sorted by index, record {@code i} having index {@code i}; empty for
 *     a schema change
 * @param schemaChange one copy of the schema change record (the first one read); {@code null} for a
 *     transaction of data records
 */
public record ReassembledTransaction(long seq, String id, List<ConsumedRecord> records, ControlRecord schemaChange) {

    public ReassembledTransaction {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1 but got " + seq);
        }
        records = List.copyOf(requireNonNull(records, "records is null"));
        if (schemaChange == null) {
            requireNonNull(id, "id is null");
            checkWhole(seq, id, records);
        } else if (schemaChange.kind() != ControlRecord.Kind.DDL || schemaChange.seq() != seq || id == null || !id.equals(schemaChange.transactionId())
                || !records.isEmpty()) {
            throw new IllegalArgumentException("a schema change transaction has the seq and id of its " + ControlRecord.Kind.DDL
                    + " record and no records, but got seq " + seq + ", id " + id + ", " + records.size() + " records and " + schemaChange);
        }
    }

    /**
     * The data records of one source transaction.
     *
     * @param records every record of the transaction, sorted by index
     * @throws IllegalArgumentException when the records are not exactly indexes 0 to count - 1 of
     *     {@code seq} and {@code id}, or no record carries the count
     */
    public static ReassembledTransaction ofRecords(long seq, String id, List<ConsumedRecord> records) {
        return new ReassembledTransaction(seq, id, records, null);
    }

    /** A schema change, from one of its copies. */
    public static ReassembledTransaction ofSchemaChange(ControlRecord schemaChange) {
        requireNonNull(schemaChange, "schemaChange is null");
        return new ReassembledTransaction(schemaChange.seq(), schemaChange.transactionId(), List.of(), schemaChange);
    }

    public boolean isSchemaChange() {
        return schemaChange != null;
    }

    private static void checkWhole(long seq, String id, List<ConsumedRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one record but seq " + seq + " has none");
        }
        boolean countCarried = false;
        for (int index = 0; index < records.size(); index++) {
            ConsumedRecord record = records.get(index);
            TransactionMark txn = record.txn();
            if (txn == null || txn.seq() != seq || !txn.id().equals(id) || txn.index() != index
                    || (txn.countKnown() && txn.count() != records.size())) {
                throw new IllegalArgumentException("record " + index + " of seq " + seq + " (id '" + id + "') must be index " + index
                        + " of " + records.size() + " but is " + record);
            }
            countCarried |= txn.countKnown();
        }
        if (!countCarried) {
            throw new IllegalArgumentException("no record of seq " + seq + " (id '" + id + "') carries the transaction's count");
        }
    }
}
