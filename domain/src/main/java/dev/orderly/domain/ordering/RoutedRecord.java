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
 */
public record RoutedRecord(ChangeEvent change, ShardingColumns shardingColumns, ShardingKey key, int partition, TransactionMark txn, SplitRole split) {

    public RoutedRecord {
        requireNonNull(change, "change is null");
        requireNonNull(shardingColumns, "shardingColumns is null");
        requireNonNull(key, "key is null");
        requireNonNull(txn, "txn is null");
        requireNonNull(split, "split is null");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 but got " + partition);
        }
    }
}
