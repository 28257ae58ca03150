package dev.orderly.domain.change;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The changes committed together, in binlog order; or a group of rows an initial snapshot read.
 *
 * @param id the source's transaction id (MySQL GTID, MariaDB GTID, or file and position); for a
 *     group of snapshot rows {@code snapshot:<db.table>:<n>}
 * @param changes the row changes in binlog order; never empty
 * @param endPosition where the source resumes after this transaction; {@code null} when it cannot
 *     resume right there: a transaction of an initial snapshot, which is taken again from its start
 *     when it was interrupted, so that no checkpoint may stop inside it
 */
public record Transaction(String id, List<ChangeEvent> changes, SourcePosition endPosition) {

    public Transaction {
        requireNonNull(id, "id is null");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("transaction " + id + " must have at least one change but got 0");
        }
    }

    /** A transaction of an initial snapshot: no checkpoint may be taken after it (see {@code endPosition}). */
    public static Transaction ofSnapshot(String id, List<ChangeEvent> changes) {
        return new Transaction(id, changes, null);
    }
}
