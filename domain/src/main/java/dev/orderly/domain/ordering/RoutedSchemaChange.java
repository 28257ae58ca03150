package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.SchemaChange;

/**
 * One record of a schema change (H6): in partition 0 when its tables are totally ordered, else one
 * copy in every partition, a barrier between the rows routed with the old and the new schema. The
 * change takes a commit sequence of its own ({@code txn}: index 0, count 1 in every copy), and that
 * seq is the tables' new schema version.
 *
 * @param change the statement and the tables it changes
 * @param partition the partition of this copy
 * @param txn the change's own transaction mark
 */
public record RoutedSchemaChange(SchemaChange change, int partition, TransactionMark txn) {

    public RoutedSchemaChange {
        requireNonNull(change, "change is null");
        requireNonNull(txn, "txn is null");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 but got " + partition);
        }
    }

    /** The schema version the change starts for its tables: its seq. */
    public long schemaVersion() {
        return txn.seq();
    }
}
