package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A unique index of a table: its name and its columns in index order. */
public record UniqueKey(String indexName, List<String> columns) {

    public UniqueKey {
        requireNonNull(indexName, "indexName is null");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("unique key " + indexName + " must have at least one column but got 0");
        }
    }
}
