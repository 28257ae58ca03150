package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import java.util.List;

/**
 * The columns whose values form a table's sharding key, and where they came from.
 *
 * @param table the table
 * @param columns the sharding columns in key order; empty only when {@code origin} is a no-key policy
 * @param origin why these columns were chosen
 */
public record ShardingColumns(TableId table, List<String> columns, Origin origin) {

    /** Why a table is sharded by the columns it is. */
    public enum Origin {
        CONFIGURED,
        PRIMARY_KEY,
        UNIQUE_KEY,
        /** No key: {@link NoKeyPolicy#TABLE}, the key is the table name. */
        NO_KEY_TABLE,
        /** No key: {@link NoKeyPolicy#PARTITION_ZERO}. */
        NO_KEY_PARTITION_ZERO
    }

    public ShardingColumns {
        requireNonNull(table, "table is null");
        requireNonNull(origin, "origin is null");
        columns = List.copyOf(columns);
        boolean keyless = origin == Origin.NO_KEY_TABLE || origin == Origin.NO_KEY_PARTITION_ZERO;
        if (keyless != columns.isEmpty()) {
            throw new IllegalArgumentException("sharding columns of " + table + " from " + origin + " must " + (keyless ? "" : "not ") + "be empty but got " + columns);
        }
    }

    public boolean hasColumns() {
        return !columns.isEmpty();
    }

    /** The sharding key of a row image; for a keyless table, the table name (or nothing). */
    public ShardingKey keyOf(Row row) {
        return switch (origin) {
            case NO_KEY_TABLE -> new ShardingKey(List.of(table.toString()));
            case NO_KEY_PARTITION_ZERO -> ShardingKey.NONE;
            default -> new ShardingKey(row.project(columns));
        };
    }
}
