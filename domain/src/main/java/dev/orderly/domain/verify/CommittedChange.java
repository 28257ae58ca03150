package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.TableId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row change the source really committed, reduced to the row's identity: the values of the
 * table's identity columns (its primary key, or the unique key of a table without one). Identities
 * are compared by their canonical key encoding, so {@code 1L} and {@code 1} are the same value.
 *
 * @param table the changed table
 * @param operation insert, update or delete; or read, for a row an initial snapshot read
 * @param identityBefore the identity of the row before the change; {@code null} for an insert and a read
 * @param identityAfter the identity of the row after the change; {@code null} for a delete
 */
public record CommittedChange(TableId table, Operation operation, List<Object> identityBefore, List<Object> identityAfter) {

    public CommittedChange {
        requireNonNull(table, "table is null");
        requireNonNull(operation, "operation is null");
        boolean hasBefore = operation != Operation.INSERT && operation != Operation.READ;
        boolean hasAfter = operation != Operation.DELETE;
        identityBefore = checkedIdentity("identityBefore", identityBefore, hasBefore, table, operation);
        identityAfter = checkedIdentity("identityAfter", identityAfter, hasAfter, table, operation);
    }

    public static CommittedChange insert(TableId table, List<?> identity) {
        return new CommittedChange(table, Operation.INSERT, null, copy(identity));
    }

    public static CommittedChange update(TableId table, List<?> identityBefore, List<?> identityAfter) {
        return new CommittedChange(table, Operation.UPDATE, copy(identityBefore), copy(identityAfter));
    }

    public static CommittedChange delete(TableId table, List<?> identity) {
        return new CommittedChange(table, Operation.DELETE, copy(identity), null);
    }

    private static List<Object> checkedIdentity(String name, List<Object> identity, boolean expected, TableId table, Operation operation) {
        if (!expected) {
            if (identity != null) {
                throw new IllegalArgumentException(name + " of a committed " + operation + " of " + table + " must be null but got " + identity);
            }
            return null;
        }
        if (identity == null || identity.isEmpty()) {
            throw new IllegalArgumentException(name + " of a committed " + operation + " of " + table
                    + " must hold the values of the identity columns but got " + identity);
        }
        return copy(identity);
    }

    // List.copyOf would reject a NULL column value.
    private static List<Object> copy(List<?> values) {
        return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
