package dev.orderly.domain.change;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column values of one row image, in table column order. Values are plain Java objects
 * ({@code null}, {@link Long}, {@link Integer}, {@link java.math.BigDecimal}, {@link String},
 * {@link Double}, {@link Boolean}, {@code byte[]}); see {@link dev.orderly.domain.ordering.KeyEncoding}
 * for how each is encoded in a key.
 */
public record Row(Map<String, Object> values) {

    public Row {
        requireNonNull(values, "values is null");
        // Map.copyOf would reject SQL NULLs and lose the column order. A ColumnMap is immutable already: no copy per change.
        values = values instanceof ColumnMap ? values : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Row of(Map<String, Object> values) {
        return new Row(values);
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    /** The value of a column; {@code null} for SQL NULL. */
    public Object get(String column) {
        return values.get(column);
    }

    /** This row with only those of {@code columns} it has, in the row's own order: a key-only image. */
    public Row only(java.util.Collection<String> columns) {
        Map<String, Object> kept = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            if (columns.contains(column)) {
                kept.put(column, value);
            }
        });
        return new Row(kept);
    }

    /** The values of the given columns, in the given order. */
    public List<Object> project(List<String> columns) {
        Object[] projected = new Object[columns.size()];
        for (int i = 0; i < projected.length; i++) {
            projected[i] = values.get(columns.get(i));
        }
        return Collections.unmodifiableList(java.util.Arrays.asList(projected));
    }
}
