package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import java.util.List;
import java.util.Set;

/**
 * What the source database says about a table's keys.
 *
 * @param table the table
 * @param columns every column of the table, in table order
 * @param nullableColumns the columns that allow NULL
 * @param primaryKey the primary key columns in key order; empty when the table has none
 * @param uniqueKeys the unique indexes other than the primary key, in any order
 */
public record TableKeys(TableId table, List<String> columns, Set<String> nullableColumns, List<String> primaryKey, List<UniqueKey> uniqueKeys) {

    public TableKeys {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        nullableColumns = Set.copyOf(nullableColumns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = List.copyOf(uniqueKeys);
    }
}
