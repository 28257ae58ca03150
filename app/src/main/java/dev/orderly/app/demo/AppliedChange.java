package dev.orderly.app.demo;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;

/**
 * One change of a {@link WholeTransaction}: what a consumer applies, with the schema version the
 * table's record carried.
 *
 * @param before the row before; {@code null} for an insert
 * @param after the row after; {@code null} for a delete
 */
public record AppliedChange(TableId table, Operation operation, Row before, Row after, long schemaVersion) {

    public AppliedChange {
        requireNonNull(table, "table is null");
        requireNonNull(operation, "operation is null");
    }
}
