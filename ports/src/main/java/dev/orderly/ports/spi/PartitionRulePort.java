package dev.orderly.ports.spi;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.ShardingKey;

/**
 * A partition rule, found through {@link java.util.ServiceLoader} and chosen by
 * {@code partition.mode}. Implementations need a public no-argument constructor, are stateless and
 * must be thread-safe.
 */
public interface PartitionRulePort {

    /** The name users write in {@code partition.mode}; lower case, unique among loaded rules. */
    String identifier();

    /** The order this rule promises; key-based rules ({@link OrderingGuarantee#PER_KEY}) get key changes split (H3). */
    OrderingGuarantee guarantee();

    /**
     * The partition of one change.
     *
     * @param change the change, or a half of a key-changing update; never {@code null}
     * @param key its sharding key; {@link ShardingKey#NONE} when the table has none
     * @param partitionCount the topic's partition count, at least 1
     * @return a partition in {@code [0, partitionCount)}; the host checks it and stops with an error naming the rule otherwise
     */
    int partition(ChangeEvent change, ShardingKey key, int partitionCount);
}
