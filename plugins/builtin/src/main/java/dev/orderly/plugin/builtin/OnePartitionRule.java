package dev.orderly.plugin.builtin;

import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOptions;

/** {@code one_partition}: every record to partition 0, transactions whole and in commit order (O1-O5). */
public final class OnePartitionRule implements PartitionRulePort {

    @Override
    public String identifier() {
        return PartitionMode.ONE_PARTITION.identifier();
    }

    @Override
    public String description() {
        return "every change to partition 0: total order, transactions whole and in commit order";
    }

    @Override
    public OrderingGuarantee guarantee() {
        return OrderingGuarantee.TOTAL;
    }

    @Override
    public PartitionRule create(RuleOptions options) {
        return input -> 0;
    }
}
