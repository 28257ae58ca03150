package dev.orderly.domain.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TransactionRouterTest {

    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final TableId AUDIT = TableId.parse("shop.audit");
    private static final int PARTITIONS = 12;
    private static final Map<TableId, ShardingColumns> COLUMNS = Map.of(
            ORDERS, new ShardingColumns(ORDERS, List.of("customer_id"), ShardingColumns.Origin.CONFIGURED),
            AUDIT, new ShardingColumns(AUDIT, List.of(), ShardingColumns.Origin.NO_KEY_PARTITION_ZERO));
    private static final PartitionChooser HASH = (change, key, partitionCount) -> KeyHash.partition(key, partitionCount);

    private static Row order(long id, long customer) {
        return Row.of(Map.of("id", id, "customer_id", customer));
    }

    private static Row audit(String note) {
        return Row.of(Map.of("note", note));
    }

    private static Transaction transaction(ChangeEvent... changes) {
        return new Transaction("gtid-1", List.of(changes), new SourcePosition("t", "binlog.000001:400"));
    }

    private static TransactionRouter router(PartitionChooser chooser, String ruleName, boolean split) {
        Function<TableId, ShardingColumns> lookup = COLUMNS::get;
        return new TransactionRouter(lookup, chooser, ruleName, split);
    }

    private final Transaction withKeyChange = transaction(
            ChangeEvent.insert(ORDERS, order(1, 7), Map.of()),
            ChangeEvent.update(ORDERS, order(1, 7), order(1, 5), Map.of()),
            ChangeEvent.insert(AUDIT, audit("moved"), Map.of()),
            ChangeEvent.delete(ORDERS, order(1, 5), Map.of()));

    @Test
    void onePartitionNumbersTheChangesWithoutSplitting() {
        List<RoutedRecord> records = router((change, key, count) -> 0, "one_partition", false).route(withKeyChange, 41, PARTITIONS);

        assertThat(records).extracting(RoutedRecord::txn).containsExactly(
                new TransactionMark("gtid-1", 41, 0, 4), new TransactionMark("gtid-1", 41, 1, 4),
                new TransactionMark("gtid-1", 41, 2, 4), new TransactionMark("gtid-1", 41, 3, 4));
        assertThat(records).extracting(RoutedRecord::partition).containsOnly(0);
        assertThat(records).extracting(RoutedRecord::split).containsOnly(SplitRole.NONE);
        assertThat(records.get(1).change()).isEqualTo(withKeyChange.changes().get(1));
        assertThat(records.get(1).key()).isEqualTo(new ShardingKey(List.of(5L)));
    }

    @Test
    void aSnapshotReadIsRoutedByItsKeyLikeTheInsertOfThatRow() {
        Transaction snapshot = Transaction.ofSnapshot("snapshot:shop.orders:1", List.of(ChangeEvent.read(ORDERS, order(1, 7), Map.of())));

        RoutedRecord read = router(HASH, "hash", true).route(snapshot, 1, PARTITIONS).get(0);
        RoutedRecord insert = router(HASH, "hash", true).route(withKeyChange, 2, PARTITIONS).get(0);

        assertThat(read.key()).isEqualTo(insert.key()).isEqualTo(new ShardingKey(List.of(7L)));
        assertThat(read.partition()).isEqualTo(insert.partition());
        assertThat(read.split()).isEqualTo(SplitRole.NONE);
        assertThat(read.txn()).isEqualTo(new TransactionMark("snapshot:shop.orders:1", 1, 0, 1));
    }

    @Test
    void hashSplitsAKeyChangeAndCountsBothHalves() {
        List<RoutedRecord> records = router(HASH, "hash", true).route(withKeyChange, 7, PARTITIONS);

        assertThat(records).extracting(record -> record.txn().index()).containsExactly(0, 1, 2, 3, 4);
        assertThat(records).extracting(record -> record.txn().count()).containsOnly(5);
        assertThat(records).extracting(RoutedRecord::split).containsExactly(
                SplitRole.NONE, SplitRole.KEY_CHANGE_DELETE, SplitRole.KEY_CHANGE_INSERT, SplitRole.NONE, SplitRole.NONE);
        assertThat(records.get(4).txn().isLast()).isTrue();
    }

    @Test
    void eachHalfGoesToItsOwnKeysPartition() {
        List<RoutedRecord> records = router(HASH, "hash", true).route(withKeyChange, 7, PARTITIONS);
        ShardingKey oldKey = new ShardingKey(List.of(7L));
        ShardingKey newKey = new ShardingKey(List.of(5L));

        assertThat(records.get(1).key()).isEqualTo(oldKey);
        assertThat(records.get(1).partition()).isEqualTo(KeyHash.partition(oldKey, PARTITIONS));
        assertThat(records.get(2).key()).isEqualTo(newKey);
        assertThat(records.get(2).partition()).isEqualTo(KeyHash.partition(newKey, PARTITIONS));
        assertThat(records.get(4).partition()).isEqualTo(KeyHash.partition(newKey, PARTITIONS));
        assertThat(KeyHash.partition(oldKey, PARTITIONS)).isNotEqualTo(KeyHash.partition(newKey, PARTITIONS));
    }

    @Test
    void aPartitionZeroTableBypassesTheRule() {
        PartitionChooser refusesKeyless = (change, key, count) -> {
            assertThat(key.isNone()).as("the rule is never asked about a keyless change").isFalse();
            return KeyHash.partition(key, count);
        };

        RoutedRecord audit = router(refusesKeyless, "hash", true).route(withKeyChange, 7, PARTITIONS).get(3);

        assertThat(audit.partition()).isZero();
        assertThat(audit.key()).isSameAs(ShardingKey.NONE);
        assertThat(audit.shardingColumns()).isEqualTo(COLUMNS.get(AUDIT));
    }

    @Test
    void aRuleThatIsNotKeyBasedPlacesAKeylessTableItself() {
        PartitionChooser byTable = (change, key, count) -> change.table().equals(AUDIT) ? 3 : 1;

        List<RoutedRecord> records = router(byTable, "table", false).route(withKeyChange, 7, PARTITIONS);

        assertThat(records.get(2).change().table()).isEqualTo(AUDIT);
        assertThat(records.get(2).partition()).isEqualTo(3);
        assertThat(records.get(2).key()).isSameAs(ShardingKey.NONE);
    }

    @Test
    void aStreamedTransactionCarriesItsCountOnTheLastPartOnly() {
        TransactionRouter router = router(HASH, "hash", true);
        TransactionPart first = new TransactionPart("gtid-9", withKeyChange.changes().subList(0, 2), true, false, null);
        TransactionPart last = new TransactionPart("gtid-9", withKeyChange.changes().subList(2, 4), false, true, withKeyChange.endPosition());

        List<RoutedRecord> head = router.route(first, 12, 0, PARTITIONS);
        List<RoutedRecord> tail = router.route(last, 12, head.size(), PARTITIONS);

        assertThat(head).extracting(record -> record.txn().index()).containsExactly(0, 1, 2);
        assertThat(head).extracting(record -> record.txn().countKnown()).containsOnly(false);
        assertThat(tail).extracting(record -> record.txn().index()).containsExactly(3, 4);
        assertThat(tail).extracting(record -> record.txn().count()).containsOnly(5);
        assertThat(tail.get(1).txn().isLast()).isTrue();
        assertThat(head).extracting(record -> record.txn().seq()).containsOnly(12L);
    }

    @Test
    void aPartitionBeyondTheTopicNamesTheRuleAndTheValue() {
        TransactionRouter router = router((change, key, count) -> count, "lucky-number", true);

        assertThatThrownBy(() -> router.route(withKeyChange, 7, PARTITIONS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("partition rule 'lucky-number' returned partition 12 for a change of shop.orders with key [7],"
                        + " but it must be in [0, 12); the rule is faulty");
    }

    @Test
    void aNegativePartitionNamesTheRuleAndTheValue() {
        TransactionRouter router = router((change, key, count) -> -1, "minus", false);

        assertThatThrownBy(() -> router.route(withKeyChange, 7, PARTITIONS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partition rule 'minus' returned partition -1");
    }

    @Test
    void aPartitionCountBelowOneIsRefused() {
        assertThatThrownBy(() -> router(HASH, "hash", true).route(withKeyChange, 7, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partitionCount must be >= 1 but got 0");
    }
}
