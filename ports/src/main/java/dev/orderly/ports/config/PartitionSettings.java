package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import java.util.List;
import java.util.Map;

/**
 * {@code partition:} of the configuration.
 *
 * @param mode the partition rule's identifier ({@code one_partition}, {@code hash} or a plugin's)
 * @param shardingColumns configured sharding columns per table
 * @param noKey the policy for tables without a key
 */
public record PartitionSettings(String mode, Map<TableId, List<String>> shardingColumns, NoKeyPolicy noKey) {

    public PartitionSettings {
        requireNonNull(mode, "mode is null");
        requireNonNull(noKey, "noKey is null");
        shardingColumns = Map.copyOf(shardingColumns);
    }

    public List<String> shardingColumnsOf(TableId table) {
        return shardingColumns.getOrDefault(table, List.of());
    }
}
