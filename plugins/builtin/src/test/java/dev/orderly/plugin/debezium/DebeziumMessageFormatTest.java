package dev.orderly.plugin.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.plugin.format.RoundTrip;
import dev.orderly.plugin.format.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebeziumMessageFormatTest {

    private static final String SOURCE = "\"source\":{\"version\":\"orderly\",\"connector\":\"mysql\",\"name\":\"orderly\",\"ts_ms\":1764000000000,"
            + "\"snapshot\":\"false\",\"db\":\"shop\",\"table\":\"orders\",\"server_id\":1,\"gtid\":\"3e11fa47-71ca-11e1-9e33-c80aa9429562:23\","
            + "\"file\":\"mysql-bin.000003\",\"pos\":4711,\"row\":0,\"thread\":null,\"query\":null}";
    private static final String TRANSACTION = "\"transaction\":{\"id\":\"3e11fa47-71ca-11e1-9e33-c80aa9429562:23\",\"total_order\":1,"
            + "\"data_collection_order\":null}";

    private final DebeziumMessageFormat format = new DebeziumMessageFormat(SampleRecords.WRITE_CLOCK);

    @Test
    void writesAnInsertAsACreateEvent() {
        assertThat(text(format.value(SampleRecords.insert()))).isEqualTo("{\"before\":null,"
                + "\"after\":{\"id\":7,\"customer_id\":10,\"amount\":12.50,\"status\":\"new\",\"note\":null},"
                + SOURCE + ",\"op\":\"c\",\"ts_ms\":1764000000250," + TRANSACTION + "}");
    }

    @Test
    void writesASnapshotReadAsAReadEventWithDebeziumsSnapshotMarker() {
        assertThat(text(format.value(SampleRecords.snapshotRead()))).isEqualTo("{\"before\":null,"
                + "\"after\":{\"id\":7,\"customer_id\":10,\"amount\":12.50,\"status\":\"new\",\"note\":null},"
                + "\"source\":{\"version\":\"orderly\",\"connector\":\"mysql\",\"name\":\"orderly\",\"ts_ms\":1764000000000,"
                + "\"snapshot\":\"last\",\"db\":\"shop\",\"table\":\"orders\",\"server_id\":0,\"gtid\":null,"
                + "\"file\":\"mysql-bin.000003\",\"pos\":4711,\"row\":0,\"thread\":null,\"query\":null},"
                + "\"op\":\"r\",\"ts_ms\":1764000000250,"
                + "\"transaction\":{\"id\":\"snapshot:shop.orders:1\",\"total_order\":1,\"data_collection_order\":null}}");
    }

    @Test
    void writesAnUpdateAsAnUpdateEventWithBothImages() {
        assertThat(text(format.value(SampleRecords.update()))).isEqualTo("{"
                + "\"before\":{\"id\":7,\"customer_id\":10,\"amount\":12.50,\"status\":\"new\",\"note\":null},"
                + "\"after\":{\"id\":7,\"customer_id\":10,\"amount\":13.75,\"status\":\"paid\",\"note\":\"gift\"},"
                + SOURCE + ",\"op\":\"u\",\"ts_ms\":1764000000250," + TRANSACTION + "}");
    }

    @Test
    void writesADeleteAsADeleteEvent() {
        assertThat(text(format.value(SampleRecords.delete()))).isEqualTo("{"
                + "\"before\":{\"id\":7,\"customer_id\":10,\"amount\":13.75,\"status\":\"paid\",\"note\":\"gift\"},\"after\":null,"
                + SOURCE + ",\"op\":\"d\",\"ts_ms\":1764000000250," + TRANSACTION + "}");
    }

    @Test
    void writesTheHalvesOfAKeyChangeAsADeleteThenACreateMarkedAsHalves() {
        List<RoutedRecord> halves = SampleRecords.keyChangeHalves();

        assertThat(text(format.value(halves.get(0)))).isEqualTo("{"
                + "\"before\":{\"id\":7,\"customer_id\":10,\"amount\":13.75,\"status\":\"paid\",\"note\":null},\"after\":null,"
                + SOURCE + ",\"op\":\"d\",\"ts_ms\":1764000000250," + TRANSACTION + ","
                + "\"__orderly\":{\"split\":\"key-change-delete\"}}");
        assertThat(text(format.value(halves.get(1)))).isEqualTo("{\"before\":null,"
                + "\"after\":{\"id\":8,\"customer_id\":10,\"amount\":13.75,\"status\":\"paid\",\"note\":null},"
                + SOURCE + ",\"op\":\"c\",\"ts_ms\":1764000000250,"
                + "\"transaction\":{\"id\":\"3e11fa47-71ca-11e1-9e33-c80aa9429562:23\",\"total_order\":2,\"data_collection_order\":null},"
                + "\"__orderly\":{\"split\":\"key-change-insert\"}}");
    }

    @Test
    void writesAPrimaryKeyChangeThatNothingSplitAsOneUpdateEvent() {
        assertThat(text(format.value(SampleRecords.unsplitKeyChange()))).isEqualTo("{"
                + "\"before\":{\"id\":7,\"customer_id\":10,\"amount\":13.75,\"status\":\"paid\",\"note\":null},"
                + "\"after\":{\"id\":8,\"customer_id\":10,\"amount\":13.75,\"status\":\"paid\",\"note\":null},"
                + SOURCE + ",\"op\":\"u\",\"ts_ms\":1764000000250," + TRANSACTION + "}");
    }

    @Test
    void writesTheSchemaVersionInTheOrderlyObjectOnceTheTableHasOne() {
        assertThat(text(format.value(SampleRecords.insert().withSchemaVersion(1043))))
                .endsWith(TRANSACTION + ",\"__orderly\":{\"schema_version\":1043}}");
    }

    @Test
    void writesASchemaChangeAsDebeziumsSchemaChangeEventWithoutTableChanges() {
        assertThat(text(format.schemaChange(SampleRecords.schemaChange()))).isEqualTo("{"
                + "\"source\":{\"version\":\"orderly\",\"connector\":\"mysql\",\"name\":\"orderly\",\"ts_ms\":1764000000000,"
                + "\"snapshot\":\"false\",\"db\":\"shop\",\"table\":\"orders\",\"server_id\":1,\"gtid\":\"3e11fa47-71ca-11e1-9e33-c80aa9429562:24\","
                + "\"file\":\"mysql-bin.000003\",\"pos\":5120,\"row\":0,\"thread\":null,\"query\":null},"
                + "\"ts_ms\":1764000000250,\"databaseName\":\"shop\",\"schemaName\":null,"
                + "\"ddl\":\"ALTER TABLE orders ADD COLUMN note VARCHAR(40) NULL\",\"tableChanges\":[],"
                + "\"__orderly\":{\"schema_version\":1043}}");
    }

    @Test
    void writesAWatermarkAsTheOrderlyObjectAlone() {
        assertThat(text(format.marker(SampleRecords.watermark())))
                .isEqualTo("{\"__orderly\":{\"marker\":\"watermark\",\"seq\":1042,\"epoch\":0,\"partition_count\":8}}");
    }

    @Test
    void readsBackEveryKindOfRecordItWrote() {
        RoundTrip.assertReadsBackEveryKind(format);
    }

    @Test
    void readsTheHalvesAsTheDeleteAndInsertOfOneUpdate() {
        ConsumedRecord deleteHalf = RoundTrip.assertReadsBack(format, SampleRecords.keyChangeHalves().get(0));

        assertThat(deleteHalf.operation()).isEqualTo(Operation.DELETE);
        assertThat(deleteHalf.split()).isEqualTo(SplitRole.KEY_CHANGE_DELETE);
    }

    @Test
    void aValueThatIsNoDebeziumEventIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> format.read(2, 17, null, "{\"op\":\"c\",\"after\":{}}".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record at partition 2 offset 17 is not a debezium change event: it needs the fields op, source.db and source.table");
        assertThatThrownBy(() -> format.read(2, 18, null, "[1]".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record at partition 2 offset 18 is not a debezium record: its value must be a JSON object but is array");
    }

    @Test
    void anOperationOrderlyNeverWritesIsRefusedWithItsPosition() {
        byte[] truncate = "{\"source\":{\"db\":\"shop\",\"table\":\"orders\"},\"op\":\"t\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> format.read(2, 17, null, truncate, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record at partition 2 offset 17: operation code must be one of c, u, d, r but got 't'");
    }

    @Test
    void anUnknownSplitRoleIsRefusedWithItsPosition() {
        byte[] half = "{\"before\":null,\"after\":{\"id\":8},\"source\":{\"db\":\"shop\",\"table\":\"orders\"},\"op\":\"c\",\"__orderly\":{\"split\":\"half\"}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> format.read(2, 17, null, half, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record at partition 2 offset 17: __orderly.split must be key-change-delete or key-change-insert but got 'half'");
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
