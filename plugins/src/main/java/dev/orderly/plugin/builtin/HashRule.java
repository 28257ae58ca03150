package dev.orderly.plugin.builtin;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.domain.ordering.ShardingKey;
import dev.orderly.ports.spi.PartitionRulePort;

/** {@code hash}: {@code toPositive(murmur2(encoded sharding key)) % N} (H1, H7; docs/HASH.md). */
public final class HashRule implements PartitionRulePort {

    @Override
    public String identifier() {
        return PartitionMode.HASH.identifier();
    }

    @Override
    public OrderingGuarantee guarantee() {
        return OrderingGuarantee.PER_KEY;
    }

    @Override
    public int partition(ChangeEvent change, ShardingKey key, int partitionCount) {
        return KeyHash.partition(key, partitionCount);
    }
}
