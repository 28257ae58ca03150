package dev.orderly.ports.spi;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.ShardingKey;
import dev.orderly.domain.ordering.TableKeys;

/**
 * What a rule sees of one change.
 *
 * @param change the change, or a half of a key-changing update (a DELETE or an INSERT)
 * @param key its sharding key; {@link ShardingKey#NONE} when the table has none
 * @param shardingColumns the table's sharding columns and where they came from
 * @param tableKeys the table's columns, primary key and unique keys
 * @param partitionCount the topic's partition count, at least 1
 */
@Stable
public record PartitionInput(ChangeEvent change, ShardingKey key, ShardingColumns shardingColumns, TableKeys tableKeys, int partitionCount) {

    public PartitionInput {
        requireNonNull(change, "change is null");
        requireNonNull(key, "key is null");
        requireNonNull(shardingColumns, "shardingColumns is null");
        requireNonNull(tableKeys, "tableKeys is null");
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
    }
}
