package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code partition:} of the configuration: a default rule and an ordered list of per-table rules,
 * of which the first that names a table wins.
 *
 * @param mode the default rule's identifier ({@code one_partition}, {@code hash} or a plugin's)
 * @param options the default rule's options (keys to parsed values)
 * @param shardingColumns configured sharding columns per table
 * @param noKey the policy for tables without a key
 * @param rules per-table rules, in configuration order
 */
public record PartitionSettings(String mode, Map<String, Object> options, Map<TableId, List<String>> shardingColumns, NoKeyPolicy noKey,
                                List<TableRuleSettings> rules) {

    public PartitionSettings {
        requireNonNull(mode, "mode is null");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        requireNonNull(noKey, "noKey is null");
        shardingColumns = Map.copyOf(shardingColumns);
        rules = List.copyOf(rules);
    }

    /** A default rule with no options and no per-table rules. */
    public PartitionSettings(String mode, Map<TableId, List<String>> shardingColumns, NoKeyPolicy noKey) {
        this(mode, Map.of(), shardingColumns, noKey, List.of());
    }

    /** The rule a table follows: the first per-table rule that names it, else the default. */
    public TableRuleSettings ruleFor(TableId table) {
        for (TableRuleSettings rule : rules) {
            if (rule.tables().contains(table)) {
                return rule;
            }
        }
        return new TableRuleSettings(List.of(table), mode, options, List.of());
    }

    /** The configured sharding columns of a table: its rule's, else partition.sharding-columns; empty when none. */
    public List<String> shardingColumnsOf(TableId table) {
        List<String> fromRule = ruleFor(table).shardingColumns();
        return fromRule.isEmpty() ? shardingColumns.getOrDefault(table, List.of()) : fromRule;
    }
}
