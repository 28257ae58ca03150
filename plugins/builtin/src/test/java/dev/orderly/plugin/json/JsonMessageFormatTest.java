package dev.orderly.plugin.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.RoutedSchemaChange;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.plugin.format.RoundTrip;
import dev.orderly.plugin.format.SampleRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMessageFormatTest {

    private static final TableId ORDERS = TableId.parse("shop.orders");
    private final JsonMessageFormat format = new JsonMessageFormat();

    @Test
    void writesThePinnedExampleRecord() {
        RoutedRecord record = route(ChangeEvent.update(ORDERS, row(7, 10, "12.50", "new"), row(7, 10, "13.75", "paid"), source())).get(0);

        assertThat(new String(format.value(record), StandardCharsets.UTF_8)).isEqualTo("{\"op\":\"u\",\"db\":\"shop\",\"table\":\"orders\","
                + "\"before\":{\"id\":7,\"customer_id\":10,\"amount\":12.50,\"status\":\"new\"},"
                + "\"after\":{\"id\":7,\"customer_id\":10,\"amount\":13.75,\"status\":\"paid\"},"
                + "\"key\":{\"customer_id\":10},"
                + "\"txn\":{\"id\":\"gtid:23\",\"seq\":1042,\"index\":0,\"count\":1},"
                + "\"source\":{\"file\":\"mysql-bin.000003\",\"pos\":4711}}");
    }

    @Test
    void writesASnapshotReadAsOpRWithItsSnapshotMarkerAndReadsItBack() {
        String value = new String(format.value(SampleRecords.snapshotRead()), StandardCharsets.UTF_8);

        assertThat(value).isEqualTo("{\"op\":\"r\",\"db\":\"shop\",\"table\":\"orders\",\"before\":null,"
                + "\"after\":{\"id\":7,\"customer_id\":10,\"amount\":12.50,\"status\":\"new\",\"note\":null},\"key\":{\"id\":7},"
                + "\"txn\":{\"id\":\"snapshot:shop.orders:1\",\"seq\":1,\"index\":0,\"count\":1},"
                + "\"source\":{\"server_id\":0,\"file\":\"mysql-bin.000003\",\"pos\":4711,\"row\":0,\"ts_ms\":1764000000000,\"snapshot\":\"last\"}}");
        RoundTrip.assertReadsBack(format, SampleRecords.snapshotRead());
    }

    @Test
    void writesThePinnedSchemaChange() {
        // One source field: SchemaChange keeps its source block in no particular order.
        RoutedSchemaChange change = new RoutedSchemaChange(new SchemaChange("gtid:24", "shop", List.of(ORDERS, TableId.parse("shop.items")),
                "RENAME TABLE orders TO orders_old, items TO orders", Map.of("pos", 5120L)), 3, new TransactionMark("gtid:24", 1043, 0, 1));

        assertThat(new String(format.schemaChange(change), StandardCharsets.UTF_8)).isEqualTo("{\"op\":\"ddl\",\"db\":\"shop\","
                + "\"tables\":[\"shop.orders\",\"shop.items\"],\"ddl\":\"RENAME TABLE orders TO orders_old, items TO orders\","
                + "\"schema_version\":1043,\"txn\":{\"id\":\"gtid:24\",\"seq\":1043,\"index\":0,\"count\":1},\"source\":{\"pos\":5120}}");
    }

    @Test
    void writesThePinnedWatermark() {
        assertThat(new String(format.marker(Marker.watermark(1042, 0, 8)), StandardCharsets.UTF_8))
                .isEqualTo("{\"marker\":\"watermark\",\"seq\":1042,\"epoch\":0,\"partition_count\":8}");
    }

    @Test
    void readsBackWhatItWrote() {
        List<RoutedRecord> records = route(ChangeEvent.update(ORDERS, row(7, 10, "12.50", "new"), row(7, 11, "12.50", "moved"), source()));

        ConsumedRecord insertHalf = format.read(3, 99, records.get(1).key().encoded(), format.value(records.get(1)), Map.of());

        assertThat(insertHalf.partition()).isEqualTo(3);
        assertThat(insertHalf.offset()).isEqualTo(99);
        assertThat(insertHalf.table()).isEqualTo(ORDERS);
        assertThat(insertHalf.operation()).isEqualTo(Operation.INSERT);
        assertThat(insertHalf.split()).isEqualTo(SplitRole.KEY_CHANGE_INSERT);
        assertThat(insertHalf.before()).isNull();
        assertThat(insertHalf.after().get("amount")).isEqualTo(new BigDecimal("12.50"));
        assertThat(insertHalf.after().get("customer_id")).isEqualTo(11L);
        assertThat(insertHalf.txn().seq()).isEqualTo(1042);
        assertThat(insertHalf.txn().index()).isEqualTo(1);
        assertThat(insertHalf.txn().count()).isEqualTo(2);
    }

    @Test
    void aValueThatIsNoOrderlyRecordIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> format.read(2, 17, null, "{\"hello\":1}".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition 2 offset 17")
                .hasMessageContaining("op, db and table");
    }

    private static List<RoutedRecord> route(ChangeEvent change) {
        TransactionRouter router = new TransactionRouter(
                table -> new ShardingColumns(table, List.of("customer_id"), ShardingColumns.Origin.CONFIGURED),
                (ignored, key, partitionCount) -> KeyHash.partition(key, partitionCount), "hash", true);
        return router.route(new Transaction("gtid:23", List.of(change), new SourcePosition("t", "d")), 1042, 8);
    }

    private static Row row(long id, long customer, String amount, String status) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("customer_id", customer);
        values.put("amount", new BigDecimal(amount));
        values.put("status", status);
        return Row.of(values);
    }

    private static Map<String, Object> source() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("file", "mysql-bin.000003");
        source.put("pos", 4711L);
        return source;
    }
}
