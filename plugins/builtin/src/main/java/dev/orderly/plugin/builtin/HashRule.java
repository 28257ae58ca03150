package dev.orderly.plugin.builtin;

import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOptions;

/** {@code hash}: {@code toPositive(murmur2(encoded sharding key)) % N} (H1, H7; docs/HASH.md). */
public final class HashRule implements PartitionRulePort {

    @Override
    public String identifier() {
        return PartitionMode.HASH.identifier();
    }

    @Override
    public String description() {
        return "hash of the sharding key: per-key order over all partitions (docs/HASH.md)";
    }

    @Override
    public OrderingGuarantee guarantee() {
        return OrderingGuarantee.PER_KEY;
    }

    @Override
    public PartitionRule create(RuleOptions options) {
        return input -> KeyHash.partition(input.key(), input.partitionCount());
    }
}
