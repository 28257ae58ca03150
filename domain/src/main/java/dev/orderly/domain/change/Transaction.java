package dev.orderly.domain.change;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The changes committed together, in binlog order.
 *
 * @param id the source's transaction id (MySQL GTID, MariaDB GTID, or file and position)
 * @param changes the row changes in binlog order; never empty
 * @param endPosition where the source resumes after this transaction
 */
public record Transaction(String id, List<ChangeEvent> changes, SourcePosition endPosition) {

    public Transaction {
        requireNonNull(id, "id is null");
        requireNonNull(endPosition, "endPosition is null");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("transaction " + id + " must have at least one change but got 0");
        }
    }
}
