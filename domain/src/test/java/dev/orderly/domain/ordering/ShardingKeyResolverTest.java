package dev.orderly.domain.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardingKeyResolverTest {

    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final TableId EVENTS = TableId.parse("shop.events");
    private static final List<String> ORDER_COLUMNS = List.of("id", "customer_id", "region", "code", "email");

    private static TableKeys orders(List<String> primaryKey, List<UniqueKey> uniqueKeys) {
        return new TableKeys(ORDERS, ORDER_COLUMNS, Set.of("email"), primaryKey, uniqueKeys);
    }

    private static TableKeys keyless() {
        return new TableKeys(EVENTS, List.of("at", "payload", "note"), Set.of("note"), List.of(), List.of(new UniqueKey("uk_note", List.of("note"))));
    }

    @Test
    void configuredColumnsComeFirstInTheirConfiguredOrder() {
        ShardingColumns columns = ShardingKeyResolver.resolve(orders(List.of("id"), List.of()), List.of("region", "customer_id"), NoKeyPolicy.FAIL);

        assertThat(columns).isEqualTo(new ShardingColumns(ORDERS, List.of("region", "customer_id"), ShardingColumns.Origin.CONFIGURED));
    }

    @Test
    void thePrimaryKeyComesNext() {
        TableKeys keys = orders(List.of("id", "region"), List.of(new UniqueKey("a_code", List.of("code"))));

        assertThat(ShardingKeyResolver.resolve(keys, List.of(), NoKeyPolicy.FAIL))
                .isEqualTo(new ShardingColumns(ORDERS, List.of("id", "region"), ShardingColumns.Origin.PRIMARY_KEY));
    }

    @Test
    void withoutPrimaryKeyTheFirstUniqueKeyOnNotNullColumnsByIndexNameIsUsed() {
        TableKeys keys = orders(List.of(), List.of(
                new UniqueKey("uk_region_code", List.of("region", "code")),
                new UniqueKey("a_email", List.of("email")),
                new UniqueKey("uk_customer", List.of("customer_id"))));

        assertThat(ShardingKeyResolver.resolve(keys, List.of(), NoKeyPolicy.FAIL))
                .isEqualTo(new ShardingColumns(ORDERS, List.of("customer_id"), ShardingColumns.Origin.UNIQUE_KEY));
    }

    @Test
    void theUniqueKeyChoiceDoesNotDependOnTheOrderTheKeysAreListed() {
        UniqueKey byCustomer = new UniqueKey("uk_customer", List.of("customer_id"));
        UniqueKey byRegionCode = new UniqueKey("uk_region_code", List.of("region", "code"));

        ShardingColumns one = ShardingKeyResolver.resolve(orders(List.of(), List.of(byCustomer, byRegionCode)), List.of(), NoKeyPolicy.FAIL);
        ShardingColumns other = ShardingKeyResolver.resolve(orders(List.of(), List.of(byRegionCode, byCustomer)), List.of(), NoKeyPolicy.FAIL);

        assertThat(one).isEqualTo(other);
    }

    @Test
    void aTableWithOnlyNullableUniqueKeysFollowsTheNoKeyPolicy() {
        assertThat(ShardingKeyResolver.resolve(keyless(), List.of(), NoKeyPolicy.TABLE))
                .isEqualTo(new ShardingColumns(EVENTS, List.of(), ShardingColumns.Origin.NO_KEY_TABLE));
        assertThat(ShardingKeyResolver.resolve(keyless(), List.of(), NoKeyPolicy.PARTITION_ZERO))
                .isEqualTo(new ShardingColumns(EVENTS, List.of(), ShardingColumns.Origin.NO_KEY_PARTITION_ZERO));
    }

    @Test
    void noKeyTableShardsByTheTableNameAndPartitionZeroByNothing() {
        Row row = Row.of(Map.of("at", 1L, "payload", "x"));

        assertThat(ShardingKeyResolver.resolve(keyless(), List.of(), NoKeyPolicy.TABLE).keyOf(row))
                .isEqualTo(new ShardingKey(List.of("shop.events")));
        assertThat(ShardingKeyResolver.resolve(keyless(), List.of(), NoKeyPolicy.PARTITION_ZERO).keyOf(row)).isSameAs(ShardingKey.NONE);
    }

    @Test
    void noKeyUnderFailNamesTheTableAndTheFix() {
        assertThatThrownBy(() -> ShardingKeyResolver.resolve(keyless(), List.of(), NoKeyPolicy.FAIL))
                .isInstanceOfSatisfying(ShardingKeyException.class, error -> assertThat(error.table()).isEqualTo(EVENTS))
                .hasMessage("table shop.events has no sharding key: no columns are configured for it, it has no primary key and no unique key"
                        + " on NOT NULL columns. Fix: add a primary key, configure partition.sharding-columns.shop.events: [column, ...],"
                        + " or set partition.no-key to 'table' (all its changes to one partition) or 'partition-0'.");
    }

    @Test
    void anUnknownConfiguredColumnNamesTableColumnsAndFix() {
        assertThatThrownBy(() -> ShardingKeyResolver.resolve(orders(List.of("id"), List.of()), List.of("customer_id", "tenant", "zone"), NoKeyPolicy.FAIL))
                .isInstanceOfSatisfying(ShardingKeyException.class, error -> assertThat(error.table()).isEqualTo(ORDERS))
                .hasMessage("partition.sharding-columns.shop.orders names column(s) [tenant, zone] that table shop.orders does not have;"
                        + " its columns are [id, customer_id, region, code, email]. Fix the column names or remove the entry to shard by"
                        + " the primary key.");
    }

    @Test
    void configuredColumnsWinEvenForAKeylessTable() {
        assertThat(ShardingKeyResolver.resolve(keyless(), List.of("payload"), NoKeyPolicy.FAIL))
                .isEqualTo(new ShardingColumns(EVENTS, List.of("payload"), ShardingColumns.Origin.CONFIGURED));
    }

    @Test
    void shardingColumnsRefuseColumnsThatContradictTheirOrigin() {
        assertThatThrownBy(() -> new ShardingColumns(ORDERS, List.of(), ShardingColumns.Origin.PRIMARY_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sharding columns of shop.orders from PRIMARY_KEY must not be empty but got []");
        assertThatThrownBy(() -> new ShardingColumns(ORDERS, List.of("id"), ShardingColumns.Origin.NO_KEY_TABLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sharding columns of shop.orders from NO_KEY_TABLE must be empty but got [id]");
    }
}
