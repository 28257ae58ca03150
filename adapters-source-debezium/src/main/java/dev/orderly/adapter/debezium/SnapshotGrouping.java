package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.ports.SourceListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the rows of an initial snapshot, which belong to no source transaction, into transactions
 * of at most {@code rowsPerTransaction} rows of one table each, in the order Debezium read them, with
 * the ids {@code snapshot:<db.table>:<n>} (n = 1, 2, … per table). Each is passed on as soon as it is
 * full, when Debezium marks the table's last row, or when the snapshot ends, so memory holds at most
 * one open group per table. The groups have no end position ({@link Transaction#ofSnapshot}): Debezium
 * takes an interrupted snapshot again from its start, so no checkpoint may stop inside one.
 *
 * <p>Used from the engine's single thread only.
 */
final class SnapshotGrouping {

    /** The id prefix of every snapshot transaction. */
    static final String ID_PREFIX = "snapshot:";

    private final SourceListener listener;
    private final int rowsPerTransaction;
    /** The open group of each table, in the order the tables were first read. */
    private final Map<TableId, List<ChangeEvent>> open = new LinkedHashMap<>();
    private final Map<TableId, Integer> passedOn = new LinkedHashMap<>();
    private long rows;

    SnapshotGrouping(SourceListener listener, int rowsPerTransaction) {
        if (rowsPerTransaction < 1) {
            throw new IllegalArgumentException("rowsPerTransaction must be >= 1 but got " + rowsPerTransaction);
        }
        this.listener = listener;
        this.rowsPerTransaction = rowsPerTransaction;
    }

    /**
     * One row the snapshot read.
     *
     * @param lastOfTable whether Debezium marked it as the last row of its table (or of the snapshot)
     */
    void add(ChangeEvent read, boolean lastOfTable) throws InterruptedException {
        if (read.operation() != Operation.READ) {
            throw new IllegalArgumentException("a snapshot groups rows read by the snapshot, not a change of kind " + read.operation());
        }
        List<ChangeEvent> group = open.computeIfAbsent(read.table(), table -> new ArrayList<>());
        group.add(read);
        rows++;
        if (group.size() >= rowsPerTransaction || lastOfTable) {
            passOn(read.table());
        }
    }

    /** The snapshot ended: every open group is passed on. */
    void end() throws InterruptedException {
        for (TableId table : List.copyOf(open.keySet())) {
            passOn(table);
        }
    }

    /** How many rows the snapshot read so far. */
    long rows() {
        return rows;
    }

    /** How many transactions were passed on so far. */
    int transactions() {
        return passedOn.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void passOn(TableId table) throws InterruptedException {
        List<ChangeEvent> group = open.remove(table);
        if (group == null || group.isEmpty()) {
            return;
        }
        int number = passedOn.merge(table, 1, Integer::sum);
        listener.onTransaction(Transaction.ofSnapshot(ID_PREFIX + table + ":" + number, group));
    }
}
