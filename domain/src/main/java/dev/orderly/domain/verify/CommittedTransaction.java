package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A transaction the source really committed, with its row changes in binlog order; a list of them
 * in commit order is what a topic is checked against.
 *
 * @param id the source's transaction id (a GTID, or file and position) when known, else {@code null};
 *     when both this and the topic's transaction id are known, transactions are matched by id
 * @param changes the row changes in binlog order; never empty
 */
public record CommittedTransaction(String id, List<CommittedChange> changes) {

    public CommittedTransaction {
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("committed transaction " + id + " must have at least one change but got 0");
        }
    }
}
