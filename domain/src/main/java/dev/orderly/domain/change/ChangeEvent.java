package dev.orderly.domain.change;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One row-level change read from the binlog.
 *
 * @param table the changed table
 * @param operation insert, update, delete, or read (a row as the initial snapshot read it)
 * @param before the row before the change; {@code null} for an insert and a read
 * @param after the row after the change, or the row a read found; {@code null} for a delete
 * @param source where the change stands in the binlog (file, pos, gtid, server_id, ts_ms...), for
 *     the record's {@code source} block; never {@code null}, may be empty
 */
public record ChangeEvent(TableId table, Operation operation, Row before, Row after, Map<String, Object> source) {

    public ChangeEvent {
        requireNonNull(table, "table is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(source, "source is null");
        switch (operation) {
            case INSERT, READ -> require(before == null && after != null, operation, "an after image only");
            case UPDATE -> require(before != null && after != null, operation, "both images");
            case DELETE -> require(before != null && after == null, operation, "a before image only");
        }
        source = source instanceof ColumnMap ? source : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(source));
    }

    private static void require(boolean condition, Operation operation, String what) {
        if (!condition) {
            throw new IllegalArgumentException("a change of kind " + operation + " must have " + what);
        }
    }

    /** This change with its images cut down to {@code columns} (for a record too large to write whole). */
    public ChangeEvent withImagesLimitedTo(java.util.Collection<String> columns) {
        return new ChangeEvent(table, operation, before == null ? null : before.only(columns), after == null ? null : after.only(columns), source);
    }

    public static ChangeEvent insert(TableId table, Row after, Map<String, Object> source) {
        return new ChangeEvent(table, Operation.INSERT, null, after, source);
    }

    /** A row as the initial snapshot read it. */
    public static ChangeEvent read(TableId table, Row after, Map<String, Object> source) {
        return new ChangeEvent(table, Operation.READ, null, after, source);
    }

    public static ChangeEvent update(TableId table, Row before, Row after, Map<String, Object> source) {
        return new ChangeEvent(table, Operation.UPDATE, before, after, source);
    }

    public static ChangeEvent delete(TableId table, Row before, Map<String, Object> source) {
        return new ChangeEvent(table, Operation.DELETE, before, null, source);
    }

    /** The row image that identifies the row: the after image, or the before image of a delete. */
    public Row latestImage() {
        return after != null ? after : before;
    }
}
