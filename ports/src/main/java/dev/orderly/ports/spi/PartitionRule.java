package dev.orderly.ports.spi;

/**
 * Maps one change to a partition. Created by {@link PartitionRulePort#create}. Threading: called from
 * the pipeline's source thread, one change at a time; implementations must be deterministic (the
 * same input gives the same partition on every machine and release) and must not block.
 */
@Stable
@FunctionalInterface
public interface PartitionRule {

    /**
     * @param input the change, its sharding key, its table's keys and the partition count; never {@code null}
     * @return a partition in {@code [0, input.partitionCount())}; orderly checks it and stops with an
     *     error that names the rule and the value otherwise
     */
    int partition(PartitionInput input);
}
