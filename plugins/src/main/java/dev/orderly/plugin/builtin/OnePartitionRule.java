package dev.orderly.plugin.builtin;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.domain.ordering.ShardingKey;
import dev.orderly.ports.spi.PartitionRulePort;

/** {@code one_partition}: every record to partition 0, transactions whole and in commit order (O1-O5). */
public final class OnePartitionRule implements PartitionRulePort {

    @Override
    public String identifier() {
        return PartitionMode.ONE_PARTITION.identifier();
    }

    @Override
    public OrderingGuarantee guarantee() {
        return OrderingGuarantee.TOTAL;
    }

    @Override
    public int partition(ChangeEvent change, ShardingKey key, int partitionCount) {
        return 0;
    }
}
