package dev.orderly.plugin.table;

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

/** Changes and partition inputs as the host builds them, for tables keyed by an {@code id} primary key. */
final class TestingChanges {

    private static final ShardingColumns.Origin PRIMARY_KEY = ShardingColumns.Origin.PRIMARY_KEY;

    private TestingChanges() {
    }

    static Row row(long id, String name) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        return Row.of(values);
    }

    static PartitionInput insert(String table, long id, int partitionCount) {
        return input(ChangeEvent.insert(TableId.parse(table), row(id, "new"), Map.of()), partitionCount);
    }

    static PartitionInput update(String table, long id, int partitionCount) {
        return input(ChangeEvent.update(TableId.parse(table), row(id, "old"), row(id, "new"), Map.of()), partitionCount);
    }

    static PartitionInput delete(String table, long id, int partitionCount) {
        return input(ChangeEvent.delete(TableId.parse(table), row(id, "old"), Map.of()), partitionCount);
    }

    /** The input of a change of a table with an {@code id} primary key; the key is the latest image's id. */
    static PartitionInput input(ChangeEvent change, int partitionCount) {
        ShardingColumns columns = new ShardingColumns(change.table(), List.of("id"), PRIMARY_KEY);
        return new PartitionInput(change, columns.keyOf(change.latestImage()), columns, keys(change.table(), List.of("id")), partitionCount);
    }

    /** The input of an insert into a table without keys under {@code no-key: table}: the key is the table's name. */
    static PartitionInput insertIntoKeylessTable(String table, int partitionCount) {
        ChangeEvent change = ChangeEvent.insert(TableId.parse(table), row(1, "new"), Map.of());
        ShardingColumns columns = new ShardingColumns(change.table(), List.of(), ShardingColumns.Origin.NO_KEY_TABLE);
        return new PartitionInput(change, columns.keyOf(change.latestImage()), columns, keys(change.table(), List.of()), partitionCount);
    }

    private static TableKeys keys(TableId table, List<String> primaryKey) {
        return new TableKeys(table, List.of("id", "name"), Set.of("name"), primaryKey, List.of());
    }
}
