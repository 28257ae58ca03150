package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A data record read back from a topic, already decoded by the caller.
 *
 * @param partition the partition it was read from, at least 0
 * @param offset its offset in that partition, at least 0
 * @param key the Kafka record key; {@code null} when the record has none
 * @param table the changed table
 * @param operation the record's operation; a split half is a DELETE or an INSERT
 * @param before the row before the change; {@code null} for an insert and a snapshot read
 * @param after the row after the change; {@code null} for a delete
 * @param txn the record's transaction fields; {@code null} when the record lacks them (a violation)
 * @param split whether the record is a half of a key-changing update
 * @param schemaVersion the table's schema version the record says it was written with (H6), 0 before
 *     the first schema change
 */
public record ConsumedRecord(int partition, long offset, byte[] key, TableId table, Operation operation, Row before, Row after,
        TransactionMark txn, SplitRole split, long schemaVersion) {

    public ConsumedRecord {
        requireNonNull(table, "table is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(split, "split is null");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 but got " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0 but got " + offset);
        }
        boolean imagesFit = switch (operation) {
            case INSERT, READ -> before == null && after != null;
            case UPDATE -> before != null && after != null;
            case DELETE -> before != null && after == null;
        };
        if (!imagesFit) {
            throw new IllegalArgumentException("a record of kind " + operation + " at partition " + partition + " offset " + offset
                    + " must have " + requiredImages(operation) + " but got before=" + before + ", after=" + after);
        }
        if (schemaVersion < 0) {
            throw new IllegalArgumentException("schemaVersion must be >= 0 but got " + schemaVersion + " at partition " + partition
                    + " offset " + offset);
        }
        key = key == null ? null : key.clone();
    }

    /** A record of a table that has seen no schema change (schema version 0). */
    public ConsumedRecord(int partition, long offset, byte[] key, TableId table, Operation operation, Row before, Row after,
                          TransactionMark txn, SplitRole split) {
        this(partition, offset, key, table, operation, before, after, txn, split, 0);
    }

    private static String requiredImages(Operation operation) {
        return switch (operation) {
            case INSERT, READ -> "an after image only";
            case UPDATE -> "both images";
            case DELETE -> "a before image only";
        };
    }

    /** A copy of the record key; {@code null} when the record has none. */
    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /** The row image that carries the record's sharding key: the after image, or the before image of a delete. */
    public Row latestImage() {
        return after != null ? after : before;
    }

    /** {@code partition P offset O}, for messages. */
    public String position() {
        return "partition " + partition + " offset " + offset;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConsumedRecord record
                && partition == record.partition
                && offset == record.offset
                && Arrays.equals(key, record.key)
                && table.equals(record.table)
                && operation == record.operation
                && Objects.equals(before, record.before)
                && Objects.equals(after, record.after)
                && Objects.equals(txn, record.txn)
                && split == record.split
                && schemaVersion == record.schemaVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, offset, Arrays.hashCode(key), table, operation, before, after, txn, split, schemaVersion);
    }

    @Override
    public String toString() {
        return "ConsumedRecord[" + position() + ", key=" + (key == null ? "null" : new String(key, StandardCharsets.UTF_8))
                + ", " + operation + " " + table + ", txn=" + txn + ", split=" + split + (schemaVersion == 0 ? "" : ", schemaVersion=" + schemaVersion) + "]";
    }
}
