package dev.orderly.domain.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyChangeSplitTest {

    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final ShardingColumns BY_CUSTOMER = new ShardingColumns(ORDERS, List.of("customer_id"), ShardingColumns.Origin.CONFIGURED);
    private static final Map<String, Object> SOURCE = Map.of("file", "binlog.000001", "pos", 4L);

    private static Row order(long id, Object customer, long amount) {
        return Row.of(Map.of("id", id, "customer_id", customer, "amount", amount));
    }

    @Test
    void anInsertIsOnePartKeyedByItsAfterImage() {
        ChangeEvent insert = ChangeEvent.insert(ORDERS, order(1, 7L, 10), SOURCE);

        assertThat(KeyChangeSplit.split(insert, BY_CUSTOMER))
                .containsExactly(new KeyChangeSplit.Part(insert, new ShardingKey(List.of(7L)), SplitRole.NONE));
    }

    @Test
    void aDeleteIsOnePartKeyedByItsBeforeImage() {
        ChangeEvent delete = ChangeEvent.delete(ORDERS, order(1, 7L, 10), SOURCE);

        assertThat(KeyChangeSplit.split(delete, BY_CUSTOMER))
                .containsExactly(new KeyChangeSplit.Part(delete, new ShardingKey(List.of(7L)), SplitRole.NONE));
    }

    @Test
    void anUpdateOfASplitColumnIsSplitEvenWhenTheShardingKeyStaysAndBothHalvesKeepTheKey() {
        ChangeEvent update = ChangeEvent.update(ORDERS, order(1, 7L, 10), order(2, 7L, 10), SOURCE);

        List<KeyChangeSplit.Part> parts = KeyChangeSplit.split(update, BY_CUSTOMER, false, List.of("id"));

        assertThat(parts).extracting(KeyChangeSplit.Part::split).containsExactly(SplitRole.KEY_CHANGE_DELETE, SplitRole.KEY_CHANGE_INSERT);
        assertThat(parts).extracting(KeyChangeSplit.Part::key).containsOnly(new ShardingKey(List.of(7L)));
        assertThat(parts).extracting(part -> part.change().operation()).containsExactly(Operation.DELETE, Operation.INSERT);
        assertThat(KeyChangeSplit.split(ChangeEvent.update(ORDERS, order(1, 7L, 10), order(1, 8L, 10), SOURCE), BY_CUSTOMER, false, List.of("id")))
                .as("without splitting by the sharding key, only the split columns count").hasSize(1);
    }

    @Test
    void anUpdateThatKeepsTheKeyIsNotSplit() {
        ChangeEvent update = ChangeEvent.update(ORDERS, order(1, 7L, 10), order(1, 7L, 20), SOURCE);

        assertThat(KeyChangeSplit.split(update, BY_CUSTOMER))
                .containsExactly(new KeyChangeSplit.Part(update, new ShardingKey(List.of(7L)), SplitRole.NONE));
    }

    @Test
    void theKeyIsComparedByItsEncodingNotItsJavaType() {
        ChangeEvent update = ChangeEvent.update(ORDERS, order(1, 7L, 10), order(1, 7, 20), SOURCE);

        assertThat(KeyChangeSplit.split(update, BY_CUSTOMER)).singleElement()
                .extracting(KeyChangeSplit.Part::split).isEqualTo(SplitRole.NONE);
    }

    @Test
    void anUpdateThatChangesTheKeyBecomesADeleteOfTheOldKeyAndAnInsertOfTheNew() {
        Row before = order(1, 7L, 10);
        Row after = order(1, 8L, 10);

        List<KeyChangeSplit.Part> parts = KeyChangeSplit.split(ChangeEvent.update(ORDERS, before, after, SOURCE), BY_CUSTOMER);

        assertThat(parts).containsExactly(
                new KeyChangeSplit.Part(new ChangeEvent(ORDERS, Operation.DELETE, before, null, SOURCE), new ShardingKey(List.of(7L)),
                        SplitRole.KEY_CHANGE_DELETE),
                new KeyChangeSplit.Part(new ChangeEvent(ORDERS, Operation.INSERT, null, after, SOURCE), new ShardingKey(List.of(8L)),
                        SplitRole.KEY_CHANGE_INSERT));
    }

    @Test
    void aChangeOfOneColumnOfAMultiColumnKeySplits() {
        ShardingColumns byIdAndCustomer = new ShardingColumns(ORDERS, List.of("id", "customer_id"), ShardingColumns.Origin.PRIMARY_KEY);
        ChangeEvent update = ChangeEvent.update(ORDERS, order(1, 7L, 10), order(1, 8L, 10), SOURCE);

        assertThat(KeyChangeSplit.split(update, byIdAndCustomer)).extracting(KeyChangeSplit.Part::key)
                .containsExactly(new ShardingKey(List.of(1L, 7L)), new ShardingKey(List.of(1L, 8L)));
    }

    @Test
    void aKeylessTableIsNeverSplit() {
        ShardingColumns byTable = new ShardingColumns(ORDERS, List.of(), ShardingColumns.Origin.NO_KEY_TABLE);
        ChangeEvent update = ChangeEvent.update(ORDERS, order(1, 7L, 10), order(2, 8L, 20), SOURCE);

        assertThat(KeyChangeSplit.split(update, byTable))
                .containsExactly(new KeyChangeSplit.Part(update, new ShardingKey(List.of("shop.orders")), SplitRole.NONE));
    }
}
