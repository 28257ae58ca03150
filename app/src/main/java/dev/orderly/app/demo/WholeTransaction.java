package dev.orderly.app.demo;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import java.util.List;

/**
 * A transaction as a consumer applies it, whichever way the topic spread it over partitions: its
 * seq, its source transaction id, and either its changes in order or the tables of a schema change.
 *
 * @param changes the changes in index order, a key change that was split in two halves counted as
 *     the one update it was; empty for a schema change
 * @param schemaChangeOf the tables a schema change altered; empty for a transaction of rows
 */
public record WholeTransaction(long seq, String id, List<AppliedChange> changes, List<TableId> schemaChangeOf) {

    public WholeTransaction {
        requireNonNull(id, "id is null");
        changes = List.copyOf(changes);
        schemaChangeOf = List.copyOf(schemaChangeOf);
    }
}
