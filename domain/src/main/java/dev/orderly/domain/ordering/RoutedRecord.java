package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.ChangeEvent;

/**
 * One record to write: a change (or a half of a key-changing update), its sharding key, its
 * partition and its transaction mark.
 *
 * @param change the change this record carries; for a split half, the DELETE or INSERT half
 * @param shardingColumns the table's sharding columns
 * @param key the sharding key of {@code change}; {@link ShardingKey#NONE} when there is none
 * @param partition the partition, {@code 0 <= partition < partitionCount}
 * @param txn where the record stands in its transaction
 * @param split whether the record is a half of a key-changing update
 * @param schemaVersion the table's schema version: the seq of the last schema change of the table
 *     orderly wrote (H6), 0 before the first
 */
public record RoutedRecord(ChangeEvent change, ShardingColumns shardingColumns, ShardingKey key, int partition, TransactionMark txn, SplitRole split,
                           long schemaVersion) {

    public RoutedRecord {
        requireNonNull(change, "change is null");
        requireNonNull(shardingColumns, "shardingColumns is null");
        requireNonNull(key, "key is null");
        requireNonNull(txn, "txn is null");
        requireNonNull(split, "split is null");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 but got " + partition);
        }
        if (schemaVersion < 0) {
            throw new IllegalArgumentException("schemaVersion must be >= 0 but got " + schemaVersion);
        }
    }

    /** A record of a table that has seen no schema change yet (schema version 0). */
    public RoutedRecord(ChangeEvent change, ShardingColumns shardingColumns, ShardingKey key, int partition, TransactionMark txn, SplitRole split) {
        this(change, shardingColumns, key, partition, txn, split, 0);
    }

    /** This record with its change's images cut down to {@code columns}, e.g. the key columns of a record too large to write whole. */
    public RoutedRecord withImagesLimitedTo(java.util.Collection<String> columns) {
        return new RoutedRecord(change.withImagesLimitedTo(columns), shardingColumns, key, partition, txn, split, schemaVersion);
    }

    /** This record with {@code version} as its schema version. */
    public RoutedRecord withSchemaVersion(long version) {
        return version == schemaVersion ? this : new RoutedRecord(change, shardingColumns, key, partition, txn, split, version);
    }
}
