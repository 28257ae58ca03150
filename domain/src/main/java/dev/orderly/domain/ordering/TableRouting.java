package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

/**
 * How one table's changes are placed: its sharding columns and the rule that chooses partitions.
 *
 * @param shardingColumns the table's sharding columns
 * @param chooser the table's partition rule
 * @param ruleName the rule's name, for errors
 * @param splitKeyChanges whether updates that change the sharding key are split (H3); true for key-based rules
 */
public record TableRouting(ShardingColumns shardingColumns, PartitionChooser chooser, String ruleName, boolean splitKeyChanges) {

    public TableRouting {
        requireNonNull(shardingColumns, "shardingColumns is null");
        requireNonNull(chooser, "chooser is null");
        requireNonNull(ruleName, "ruleName is null");
    }
}
