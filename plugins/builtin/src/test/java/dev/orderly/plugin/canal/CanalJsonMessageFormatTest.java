package dev.orderly.plugin.canal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.ShardingKey;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.plugin.format.RoundTrip;
import dev.orderly.plugin.format.SampleRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanalJsonMessageFormatTest {

    private static final String HEAD = "\"id\":1042,\"database\":\"shop\",\"table\":\"orders\",\"pkNames\":[\"id\"],\"isDdl\":false,";
    private static final String TIMES = "\"es\":1764000000000,\"ts\":1764000000250,\"sql\":\"\",";
    private static final String TYPES_NOTE_NULL = "\"sqlType\":{\"id\":-5,\"customer_id\":-5,\"amount\":3,\"status\":12,\"note\":0},"
            + "\"mysqlType\":{\"id\":\"bigint\",\"customer_id\":\"bigint\",\"amount\":\"decimal\",\"status\":\"varchar\",\"note\":\"null\"},";
    private static final String TYPES = "\"sqlType\":{\"id\":-5,\"customer_id\":-5,\"amount\":3,\"status\":12,\"note\":12},"
            + "\"mysqlType\":{\"id\":\"bigint\",\"customer_id\":\"bigint\",\"amount\":\"decimal\",\"status\":\"varchar\",\"note\":\"varchar\"},";

    private final CanalJsonMessageFormat format = new CanalJsonMessageFormat(SampleRecords.WRITE_CLOCK);

    @Test
    void writesAnInsertAsAnInsertMessageWithTextValues() {
        assertThat(text(format.value(SampleRecords.insert()))).isEqualTo("{" + HEAD + "\"type\":\"INSERT\"," + TIMES + TYPES_NOTE_NULL
                + "\"data\":[{\"id\":\"7\",\"customer_id\":\"10\",\"amount\":\"12.50\",\"status\":\"new\",\"note\":null}],\"old\":null}");
    }

    @Test
    void writesASnapshotReadAsAnInsertMarkedAsASnapshotRow() {
        assertThat(text(format.value(SampleRecords.snapshotRead()))).isEqualTo("{\"id\":1,\"database\":\"shop\",\"table\":\"orders\","
                + "\"pkNames\":[\"id\"],\"isDdl\":false,\"type\":\"INSERT\"," + TIMES + TYPES_NOTE_NULL
                + "\"data\":[{\"id\":\"7\",\"customer_id\":\"10\",\"amount\":\"12.50\",\"status\":\"new\",\"note\":null}],\"old\":null,"
                + "\"__orderly\":{\"snapshot\":true}}");
    }

    @Test
    void writesAnUpdateWithTheRowAfterAndTheChangedColumnsBefore() {
        assertThat(text(format.value(SampleRecords.update()))).isEqualTo("{" + HEAD + "\"type\":\"UPDATE\"," + TIMES + TYPES
                + "\"data\":[{\"id\":\"7\",\"customer_id\":\"10\",\"amount\":\"13.75\",\"status\":\"paid\",\"note\":\"gift\"}],"
                + "\"old\":[{\"amount\":\"12.50\",\"status\":\"new\",\"note\":null}]}");
    }

    @Test
    void writesADeleteWithTheRowBeforeAsData() {
        assertThat(text(format.value(SampleRecords.delete()))).isEqualTo("{" + HEAD + "\"type\":\"DELETE\"," + TIMES + TYPES
                + "\"data\":[{\"id\":\"7\",\"customer_id\":\"10\",\"amount\":\"13.75\",\"status\":\"paid\",\"note\":\"gift\"}],\"old\":null}");
    }

    @Test
    void writesTheHalvesOfAKeyChangeAsADeleteThenAnInsertMarkedAsHalves() {
        List<RoutedRecord> halves = SampleRecords.keyChangeHalves();

        assertThat(text(format.value(halves.get(0)))).isEqualTo("{" + HEAD + "\"type\":\"DELETE\"," + TIMES + TYPES_NOTE_NULL
                + "\"data\":[{\"id\":\"7\",\"customer_id\":\"10\",\"amount\":\"13.75\",\"status\":\"paid\",\"note\":null}],\"old\":null,"
                + "\"__orderly\":{\"split\":\"key-change-delete\"}}");
        assertThat(text(format.value(halves.get(1)))).isEqualTo("{" + HEAD + "\"type\":\"INSERT\"," + TIMES + TYPES_NOTE_NULL
                + "\"data\":[{\"id\":\"8\",\"customer_id\":\"10\",\"amount\":\"13.75\",\"status\":\"paid\",\"note\":null}],\"old\":null,"
                + "\"__orderly\":{\"split\":\"key-change-insert\"}}");
    }

    @Test
    void writesAPrimaryKeyChangeThatNothingSplitAsOneUpdateWithTheOldKeyInOld() {
        assertThat(text(format.value(SampleRecords.unsplitKeyChange()))).isEqualTo("{" + HEAD + "\"type\":\"UPDATE\"," + TIMES + TYPES_NOTE_NULL
                + "\"data\":[{\"id\":\"8\",\"customer_id\":\"10\",\"amount\":\"13.75\",\"status\":\"paid\",\"note\":null}],"
                + "\"old\":[{\"id\":\"7\"}]}");
    }

    @Test
    void writesTheSchemaVersionInTheOrderlyObjectOnceTheTableHasOne() {
        assertThat(text(format.value(SampleRecords.insert().withSchemaVersion(1043)))).endsWith("\"old\":null,\"__orderly\":{\"schema_version\":1043}}");
    }

    @Test
    void namesNoPrimaryKeyWhenTheShardingColumnsAreConfigured() {
        RoutedRecord insert = SampleRecords.insert();
        RoutedRecord configured = new RoutedRecord(insert.change(),
                new ShardingColumns(SampleRecords.ORDERS, List.of("customer_id"), ShardingColumns.Origin.CONFIGURED),
                new ShardingKey(List.of(10L)), 0, insert.txn(), SplitRole.NONE);

        assertThat(text(format.value(configured))).contains("\"pkNames\":null,");
    }

    @Test
    void writesASchemaChangeAsADdlMessageWithTheStatement() {
        assertThat(text(format.schemaChange(SampleRecords.schemaChange()))).isEqualTo("{\"id\":1043,\"database\":\"shop\",\"table\":\"orders\","
                + "\"pkNames\":null,\"isDdl\":true,\"type\":\"ALTER\",\"es\":1764000000000,\"ts\":1764000000250,"
                + "\"sql\":\"ALTER TABLE orders ADD COLUMN note VARCHAR(40) NULL\",\"sqlType\":null,\"mysqlType\":null,\"data\":null,\"old\":null,"
                + "\"__orderly\":{\"schema_version\":1043}}");
    }

    @Test
    void writesAWatermarkAsAnOrderlyTypedMessageWithoutRows() {
        assertThat(text(format.marker(SampleRecords.watermark()))).isEqualTo("{\"id\":0,\"database\":\"\",\"table\":\"\",\"pkNames\":null,"
                + "\"isDdl\":false,\"type\":\"ORDERLY_WATERMARK\",\"es\":null,\"ts\":1764000000250,\"sql\":\"\",\"sqlType\":null,\"mysqlType\":null,"
                + "\"data\":null,\"old\":null,\"__orderly\":{\"marker\":\"watermark\",\"seq\":1042,\"epoch\":0,\"partition_count\":8}}");
    }

    @Test
    void readsBackEveryKindOfRecordItWroteWithTypedValues() {
        RoundTrip.assertReadsBackEveryKind(format);
    }

    @Test
    void readsAnUpdateBackWithColumnsThatBecameNullOrStoppedBeingNull() {
        Row before = SampleRecords.row(7, 10, "12.50", "new", "gift");
        Map<String, Object> after = new LinkedHashMap<>(SampleRecords.row(7, 10, "12.50", "new", null).values());
        after.put("status", null);

        RoundTrip.assertReadsBack(format, routed(ChangeEvent.update(SampleRecords.ORDERS, before, Row.of(after), SampleRecords.source())));
    }

    @Test
    void readsValuesAsTheJsonFormatDoesWithDigitsInTextStayingText() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", 7);
        values.put("code", "00123");
        values.put("ratio", 0.25);
        values.put("flag", true);
        values.put("blob", new byte[] {0, (byte) 0xff, 65});
        ConsumedRecord consumed = format.read(0, 1, null,
                format.value(routed(ChangeEvent.insert(SampleRecords.ORDERS, Row.of(values), SampleRecords.source()))), Map.of());

        assertThat(consumed.after().values()).containsExactly(Map.entry("id", 7L), Map.entry("code", "00123"),
                Map.entry("ratio", new BigDecimal("0.25")), Map.entry("flag", true), Map.entry("blob", "AP9B"));
    }

    @Test
    void aDdlMessageIsRefusedAsARowChange() {
        assertThatThrownBy(() -> format.read(2, 17, null, format.schemaChange(SampleRecords.schemaChange()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record at partition 2 offset 17 is a canal-json DDL message, not a row change; read schema changes from their headers");
    }

    @Test
    void aValueThatIsNoCanalRowMessageIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> format.read(2, 17, null, "{\"op\":\"c\"}".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record at partition 2 offset 17 is not a canal-json message: it needs the fields database, table and type");
        assertThatThrownBy(() -> format.read(2, 18, null, message("\"type\":\"QUERY\",\"data\":null"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record at partition 2 offset 18: type must be INSERT, UPDATE or DELETE but got 'QUERY'");
        assertThatThrownBy(() -> format.read(2, 19, null, message("\"type\":\"INSERT\",\"data\":[{\"id\":\"1\"},{\"id\":\"2\"}]"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record at partition 2 offset 19: data must be an array of one row object but got [{\"id\":\"1\"},{\"id\":\"2\"}]");
        assertThatThrownBy(() -> format.read(2, 20, null, message("\"type\":\"UPDATE\",\"data\":[{\"id\":\"1\"}]"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record at partition 2 offset 20: old must be an array of one row object but got nothing");
    }

    private static byte[] message(String fields) {
        return ("{\"database\":\"shop\",\"table\":\"orders\",\"isDdl\":false," + fields + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static RoutedRecord routed(ChangeEvent change) {
        ShardingColumns columns = new ShardingColumns(SampleRecords.ORDERS, List.of("id"), ShardingColumns.Origin.PRIMARY_KEY);
        ShardingKey key = columns.keyOf(change.latestImage());
        return new RoutedRecord(change, columns, key, KeyHash.partition(key, 8), new TransactionMark(SampleRecords.GTID, 1042, 0, 1), SplitRole.NONE);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
