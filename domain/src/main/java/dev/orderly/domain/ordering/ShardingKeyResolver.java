package dev.orderly.domain.ordering;

import dev.orderly.domain.change.TableId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides a table's sharding columns (H1): the configured columns; else the primary key; else the
 * first unique key whose columns are all NOT NULL, by index name; else the {@link NoKeyPolicy}.
 */
public final class ShardingKeyResolver {

    private ShardingKeyResolver() {
    }

    /**
     * @param keys the table's key metadata
     * @param configured the columns configured for the table, or empty when none are
     * @param noKey what to do when the table has no key
     * @throws ShardingKeyException when a configured column does not exist, or the table has no key under {@link NoKeyPolicy#FAIL}
     */
    public static ShardingColumns resolve(TableKeys keys, List<String> configured, NoKeyPolicy noKey) {
        TableId table = keys.table();
        if (!configured.isEmpty()) {
            List<String> missing = new ArrayList<>(configured);
            missing.removeAll(keys.columns());
            if (!missing.isEmpty()) {
                throw new ShardingKeyException(table, "partition.sharding-columns." + table + " names column(s) " + missing
                        + " that table " + table + " does not have; its columns are " + keys.columns()
                        + ". Fix the column names or remove the entry to shard by the primary key.");
            }
            return new ShardingColumns(table, configured, ShardingColumns.Origin.CONFIGURED);
        }
        if (!keys.primaryKey().isEmpty()) {
            return new ShardingColumns(table, keys.primaryKey(), ShardingColumns.Origin.PRIMARY_KEY);
        }
        Optional<UniqueKey> unique = keys.uniqueKeys().stream()
                .filter(key -> key.columns().stream().noneMatch(keys.nullableColumns()::contains))
                .min(Comparator.comparing(UniqueKey::indexName));
        if (unique.isPresent()) {
            return new ShardingColumns(table, unique.get().columns(), ShardingColumns.Origin.UNIQUE_KEY);
        }
        return switch (noKey) {
            case TABLE -> new ShardingColumns(table, List.of(), ShardingColumns.Origin.NO_KEY_TABLE);
            case PARTITION_ZERO -> new ShardingColumns(table, List.of(), ShardingColumns.Origin.NO_KEY_PARTITION_ZERO);
            case FAIL -> throw new ShardingKeyException(table, "table " + table
                    + " has no sharding key: no columns are configured for it, it has no primary key and no unique key on NOT NULL columns."
                    + " Fix: add a primary key, configure partition.sharding-columns." + table
                    + ": [column, ...], or set partition.no-key to 'table' (all its changes to one partition) or 'partition-0'.");
        };
    }
}
