package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns one transaction into its records: resolves each change's sharding key, splits key-changing
 * updates when the rule is key-based (H3), chooses partitions and numbers the records (O5, H4).
 * Stateless and thread-safe if the lookup and chooser are.
 */
public final class TransactionRouter {

    private final Function<TableId, ShardingColumns> shardingColumns;
    private final PartitionChooser chooser;
    private final String ruleName;
    private final boolean splitKeyChanges;

    /**
     * @param shardingColumns the sharding columns of a table
     * @param chooser the partition rule
     * @param ruleName the rule's name, for errors
     * @param splitKeyChanges whether to split updates that change the key (key-based rules)
     */
    public TransactionRouter(Function<TableId, ShardingColumns> shardingColumns, PartitionChooser chooser, String ruleName, boolean splitKeyChanges) {
        this.shardingColumns = requireNonNull(shardingColumns, "shardingColumns is null");
        this.chooser = requireNonNull(chooser, "chooser is null");
        this.ruleName = requireNonNull(ruleName, "ruleName is null");
        this.splitKeyChanges = splitKeyChanges;
    }

    public List<RoutedRecord> route(Transaction transaction, long seq, int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
        List<ChangeEvent> changes = transaction.changes();
        List<KeyChangeSplit.Part> parts = new ArrayList<>(changes.size());
        List<ShardingColumns> partColumns = new ArrayList<>(changes.size());
        for (ChangeEvent change : changes) {
            ShardingColumns columns = shardingColumns.apply(change.table());
            List<KeyChangeSplit.Part> split = splitKeyChanges
                    ? KeyChangeSplit.split(change, columns)
                    : List.of(new KeyChangeSplit.Part(change, columns.keyOf(change.latestImage()), SplitRole.NONE));
            for (KeyChangeSplit.Part part : split) {
                parts.add(part);
                partColumns.add(columns);
            }
        }
        int count = parts.size();
        List<RoutedRecord> records = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            KeyChangeSplit.Part part = parts.get(index);
            ShardingColumns columns = partColumns.get(index);
            int partition = columns.origin() == ShardingColumns.Origin.NO_KEY_PARTITION_ZERO
                    ? 0
                    : checked(chooser.partition(part.change(), part.key(), partitionCount), partitionCount, part);
            records.add(new RoutedRecord(part.change(), columns, part.key(), partition,
                    new TransactionMark(transaction.id(), seq, index, count), part.split()));
        }
        return records;
    }

    private int checked(int partition, int partitionCount, KeyChangeSplit.Part part) {
        if (partition < 0 || partition >= partitionCount) {
            throw new IllegalStateException("partition rule '" + ruleName + "' returned partition " + partition
                    + " for a change of " + part.change().table() + " with key " + part.key()
                    + ", but it must be in [0, " + partitionCount + "); the rule is faulty");
        }
        return partition;
    }
}
