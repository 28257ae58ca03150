package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

/**
 * How one table's changes are placed: its sharding columns and the rule that chooses partitions.
 *
 * @param shardingColumns the table's sharding columns
 * @param chooser the table's partition rule
 * @param ruleName the rule's name, for errors
 * @param splitKeyChanges whether updates that change the sharding key are split (H3); true for key-based rules
 * @param splitColumns columns whose change splits an update too, whatever the rule, e.g. the primary
 *     key for a format that writes a primary-key change as a delete and an insert; usually empty
 */
public record TableRouting(ShardingColumns shardingColumns, PartitionChooser chooser, String ruleName, boolean splitKeyChanges,
                           java.util.List<String> splitColumns) {

    /** Routing that splits updates only by the sharding key, if at all. */
    public TableRouting(ShardingColumns shardingColumns, PartitionChooser chooser, String ruleName, boolean splitKeyChanges) {
        this(shardingColumns, chooser, ruleName, splitKeyChanges, java.util.List.of());
    }

    public TableRouting {
        requireNonNull(shardingColumns, "shardingColumns is null");
        requireNonNull(chooser, "chooser is null");
        requireNonNull(ruleName, "ruleName is null");
        splitColumns = java.util.List.copyOf(requireNonNull(splitColumns, "splitColumns is null"));
    }
}
