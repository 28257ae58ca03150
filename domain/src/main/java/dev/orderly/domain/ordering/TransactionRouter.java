package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns one transaction into its records: resolves each change's sharding key, splits key-changing
 * updates when the table's rule is key-based (H3), chooses partitions with each table's rule and
 * numbers the records (O5, H4). Stateless and thread-safe if the routing function and rules are.
 */
public final class TransactionRouter {

    private final Function<TableId, TableRouting> routing;

    /**
     * @param routing how each table's changes are placed (per-table rules); must answer for every table the source delivers
     */
    public TransactionRouter(Function<TableId, TableRouting> routing) {
        this.routing = requireNonNull(routing, "routing is null");
    }

    /**
     * One rule for every table.
     *
     * @param shardingColumns the sharding columns of a table
     * @param chooser the partition rule
     * @param ruleName the rule's name, for errors
     * @param splitKeyChanges whether to split updates that change the key (key-based rules)
     */
    public TransactionRouter(Function<TableId, ShardingColumns> shardingColumns, PartitionChooser chooser, String ruleName, boolean splitKeyChanges) {
        this(table -> new TableRouting(shardingColumns.apply(table), chooser, ruleName, splitKeyChanges));
    }

    /** The records of a whole transaction. */
    public List<RoutedRecord> route(Transaction transaction, long seq, int partitionCount) {
        return route(TransactionPart.whole(transaction), seq, 0, partitionCount);
    }

    /**
     * The records of one part of a transaction. Records are numbered from {@code firstIndex}; they carry
     * the transaction's count when the part is the whole transaction, or, for a streamed transaction,
     * on the last part's records only ({@link TransactionMark#UNKNOWN_COUNT} before).
     *
     * @param firstIndex the number of records the transaction's earlier parts produced
     */
    public List<RoutedRecord> route(TransactionPart transaction, long seq, int firstIndex, int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
        List<ChangeEvent> changes = transaction.changes();
        List<KeyChangeSplit.Part> parts = new ArrayList<>(changes.size());
        List<TableRouting> partRouting = new ArrayList<>(changes.size());
        for (ChangeEvent change : changes) {
            TableRouting table = routing.apply(change.table());
            ShardingColumns columns = table.shardingColumns();
            List<KeyChangeSplit.Part> split = table.splitKeyChanges() || !table.splitColumns().isEmpty()
                    ? KeyChangeSplit.split(change, columns, table.splitKeyChanges(), table.splitColumns())
                    : List.of(new KeyChangeSplit.Part(change, columns.keyOf(change.latestImage()), SplitRole.NONE));
            for (KeyChangeSplit.Part part : split) {
                parts.add(part);
                partRouting.add(table);
            }
        }
        int size = parts.size();
        int count = transaction.last() ? firstIndex + size : TransactionMark.UNKNOWN_COUNT;
        List<RoutedRecord> records = new ArrayList<>(size);
        for (int offset = 0; offset < size; offset++) {
            KeyChangeSplit.Part part = parts.get(offset);
            TableRouting table = partRouting.get(offset);
            int index = firstIndex + offset;
            ShardingColumns columns = table.shardingColumns();
            // no-key: partition-0 overrides key-based rules only; a rule that is not key-based places keyless tables itself.
            int partition = columns.origin() == ShardingColumns.Origin.NO_KEY_PARTITION_ZERO && table.splitKeyChanges()
                    ? 0
                    : checked(table, table.chooser().partition(part.change(), part.key(), partitionCount), partitionCount, part);
            records.add(new RoutedRecord(part.change(), columns, part.key(), partition,
                    new TransactionMark(transaction.id(), seq, index, count), part.split()));
        }
        return records;
    }

    private static int checked(TableRouting table, int partition, int partitionCount, KeyChangeSplit.Part part) {
        if (partition < 0 || partition >= partitionCount) {
            throw new IllegalStateException("partition rule '" + table.ruleName() + "' returned partition " + partition
                    + " for a change of " + part.change().table() + " with key " + part.key()
                    + ", but it must be in [0, " + partitionCount + "); the rule is faulty");
        }
        return partition;
    }
}
