package dev.orderly.plugin.tenant;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.ports.spi.PartitionInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes of {@code shop.orders (id, tenant_id, total)}, sharded by its {@code id} primary key unless
 * a test says otherwise, and their partition inputs as the host builds them.
 */
final class TestingChanges {

    static final TableId ORDERS = TableId.parse("shop.orders");

    private TestingChanges() {
    }

    static Row order(long id, Object tenant) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("tenant_id", tenant);
        values.put("total", 10L);
        return Row.of(values);
    }

    static PartitionInput insert(long id, Object tenant, int partitionCount) {
        return input(ChangeEvent.insert(ORDERS, order(id, tenant), Map.of()), List.of("id"), partitionCount);
    }

    static PartitionInput update(long id, Object tenantBefore, Object tenantAfter, int partitionCount) {
        return input(ChangeEvent.update(ORDERS, order(id, tenantBefore), order(id, tenantAfter), Map.of()), List.of("id"), partitionCount);
    }

    static PartitionInput delete(long id, Object tenant, int partitionCount) {
        return input(ChangeEvent.delete(ORDERS, order(id, tenant), Map.of()), List.of("id"), partitionCount);
    }

    /** The input of a change; its key is the latest image's values of the sharding columns. */
    static PartitionInput input(ChangeEvent change, List<String> shardingColumns, int partitionCount) {
        ShardingColumns columns = new ShardingColumns(change.table(), shardingColumns, ShardingColumns.Origin.CONFIGURED);
        TableKeys keys = new TableKeys(change.table(), List.copyOf(change.latestImage().values().keySet()), Set.of("tenant_id"), List.of("id"), List.of());
        return new PartitionInput(change, columns.keyOf(change.latestImage()), columns, keys, partitionCount);
    }
}
