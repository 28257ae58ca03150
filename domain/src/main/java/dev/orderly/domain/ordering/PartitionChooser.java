package dev.orderly.domain.ordering;

import dev.orderly.domain.change.ChangeEvent;

/** Chooses the partition of one record; the pipeline adapts a partition rule to this. */
@FunctionalInterface
public interface PartitionChooser {

    /**
     * @param change the change (or split half) to place
     * @param key its sharding key, {@link ShardingKey#NONE} when it has none
     * @param partitionCount the topic's partition count, at least 1
     * @return a partition; the router checks it is in {@code [0, partitionCount)}
     */
    int partition(ChangeEvent change, ShardingKey key, int partitionCount);
}
