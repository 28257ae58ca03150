package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code partition.rules}: the tables it applies to, the rule that places their changes,
 * the rule's options and, optionally, their sharding columns.
 *
 * @param tables the tables this entry applies to, at least one
 * @param mode the partition rule's identifier
 * @param options the rule's options, validated against its declarations (keys to parsed values)
 * @param shardingColumns sharding columns for these tables; empty to use partition.sharding-columns or the table's keys
 */
public record TableRuleSettings(List<TableId> tables, String mode, Map<String, Object> options, List<String> shardingColumns) {

    public TableRuleSettings {
        tables = List.copyOf(tables);
        requireNonNull(mode, "mode is null");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        shardingColumns = List.copyOf(shardingColumns);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("tables must name at least one table but got none");
        }
    }
}
