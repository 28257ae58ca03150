package dev.orderly.adapter.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import dev.orderly.ports.SourceListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class TransactionAssemblerTest {

    private static final Schema ROW = SchemaBuilder.struct().name("row").optional()
            .field("id", Schema.INT64_SCHEMA).field("name", Schema.STRING_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("source")
            .field("db", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA).build();
    private static final Schema TRANSACTION_BLOCK = SchemaBuilder.struct().name("block").optional().field("id", Schema.STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA)
            .field("transaction", TRANSACTION_BLOCK).build();
    private static final Schema METADATA = SchemaBuilder.struct().name("metadata")
            .field("status", Schema.STRING_SCHEMA).field("id", Schema.STRING_SCHEMA).field("event_count", Schema.OPTIONAL_INT64_SCHEMA).build();

    private static final Set<TableId> CAPTURED = Set.of(new TableId("shop", "orders"));
    private static final Schema DDL_SOURCE = SchemaBuilder.struct().name("ddl-source")
            .field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema TABLE_CHANGE = SchemaBuilder.struct().name("table-change").field("id", Schema.STRING_SCHEMA).build();
    private static final Schema SCHEMA_CHANGE = SchemaBuilder.struct().name("schema-change")
            .field("source", DDL_SOURCE).field("databaseName", Schema.STRING_SCHEMA).field("ddl", Schema.STRING_SCHEMA)
            .field("tableChanges", SchemaBuilder.array(TABLE_CHANGE).build()).build();

    private static final Schema SNAPSHOT_SOURCE = SchemaBuilder.struct().name("snapshot-source")
            .field("db", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema SNAPSHOT_ENVELOPE = SchemaBuilder.struct().name("snapshot-envelope")
            .field("before", ROW).field("after", ROW).field("source", SNAPSHOT_SOURCE).field("op", Schema.STRING_SCHEMA)
            .field("transaction", TRANSACTION_BLOCK).build();
    /** Debezium's offset of every record of a snapshot: the snapshot's binlog position, marked as a snapshot's. */
    private static final Map<String, ?> SNAPSHOT_OFFSET = Map.of("file", "mysql-bin.000001", "pos", 4_000L, "snapshot", "INITIAL");

    private final Recorder recorder = new Recorder();
    private long position;

    @Test
    void aTransactionIsItsChangesBetweenBeginAndEndWithTheEndPosition() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED);

        assembler.accept(begin("t1"));
        assembler.accept(change("t1", "c", null, row(1, "a")));
        assembler.accept(change("t1", "u", row(1, "a"), row(1, "b")));
        assembler.accept(end("t1", 2));

        assertThat(recorder.transactions).singleElement().satisfies(transaction -> {
            assertThat(transaction.id()).isEqualTo("t1");
            assertThat(transaction.changes()).extracting(change -> change.operation()).containsExactly(Operation.INSERT, Operation.UPDATE);
            assertThat(transaction.endPosition().description()).isEqualTo("mysql-bin.000001:" + position);
        });
    }

    @Test
    void aTransactionWhoseChangesWereDeliveredBeforeARestartIsSkipped() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED);

        assembler.accept(begin("t1"));
        assembler.accept(end("t1", 3));

        assertThat(recorder.transactions).isEmpty();
    }

    @Test
    void debeziumsDeleteAndCreateForAPrimaryKeyChangeBecomeOneUpdate() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED);

        assembler.accept(begin("t1"));
        assembler.accept(withHeader(change("t1", "d", row(1, "a"), null), "__debezium.newkey"));
        assembler.accept(withHeader(change("t1", "c", null, row(7, "a")), "__debezium.oldkey"));
        assembler.accept(end("t1", 2));

        assertThat(recorder.transactions).singleElement().satisfies(transaction -> {
            assertThat(transaction.changes()).singleElement().satisfies(change -> {
                assertThat(change.operation()).isEqualTo(Operation.UPDATE);
                assertThat(change.before().get("id")).isEqualTo(1L);
                assertThat(change.after().get("id")).isEqualTo(7L);
            });
        });
    }

    @Test
    void aTransactionBeyondTheThresholdIsPassedOnInPartsAndTheLastCarriesTheEnd() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 3, Map.of(), CAPTURED);

        assembler.accept(begin("big"));
        for (int i = 1; i <= 7; i++) {
            assembler.accept(change("big", "c", null, row(i, "r")));
        }
        assembler.accept(end("big", 7));

        assertThat(recorder.transactions).isEmpty();
        assertThat(recorder.parts).extracting(part -> part.changes().size()).containsExactly(2, 2, 2, 1);
        assertThat(recorder.parts).extracting(TransactionPart::first).containsExactly(true, false, false, false);
        assertThat(recorder.parts).extracting(TransactionPart::last).containsExactly(false, false, false, true);
        assertThat(recorder.parts.get(3).endPosition()).isNotNull();
        assertThat(recorder.parts.stream().flatMap(part -> part.changes().stream()).map(change -> change.after().get("id")))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aHeartbeatBetweenTransactionsIsAnIdlePosition() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED);

        assembler.accept(new SourceRecord(Map.of("server", "shop"), offset(), "__debezium-heartbeat.shop", null, null));

        assertThat(recorder.idle).hasSize(1);
    }

    @Test
    void aHeartbeatBeforeTheResumePointIsNeverPassedOn() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of("file", "mysql-bin.000001", "pos", 5_000L, "event", 3), CAPTURED);

        assembler.accept(heartbeat("mysql-bin.000001", 4));
        assembler.accept(heartbeat("mysql-bin.000001", 5_000));
        assembler.accept(heartbeat("mysql-bin.000001", 5_200));
        assembler.accept(heartbeat("mysql-bin.000002", 4));

        assertThat(recorder.idle).extracting(SourcePosition::description).containsExactly("mysql-bin.000001:5200", "mysql-bin.000002:4");
    }

    @Test
    void aHeartbeatThatDoesNotGoPastTheLastTransactionEndIsNeverPassedOn() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED);

        assembler.accept(begin("t1"));
        assembler.accept(change("t1", "c", null, row(1, "a")));
        assembler.accept(end("t1", 1));
        long end = position;
        assembler.accept(heartbeat("mysql-bin.000001", 4));
        assembler.accept(heartbeat("mysql-bin.000001", end + 50));

        assertThat(recorder.idle).extracting(SourcePosition::description).containsExactly("mysql-bin.000001:" + (end + 50));
    }

    @Test
    void aTransactionSentAgainFromItsStartAfterAReconnectIsReadOnce() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED);

        assembler.accept(begin("t1"));
        assembler.accept(change("t1", "c", null, row(1, "a")));
        assembler.accept(begin("t1"));
        assembler.accept(change("t1", "c", null, row(1, "a")));
        assembler.accept(change("t1", "c", null, row(2, "b")));
        assembler.accept(end("t1", 2));

        assertThat(recorder.transactions).singleElement()
                .satisfies(transaction -> assertThat(transaction.changes()).extracting(change -> change.after().get("id")).containsExactly(1L, 2L));
    }

    @Test
    void aSchemaChangeOfACapturedTableIsPassedOnBetweenTransactionsWithItsPosition() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED);

        assembler.accept(begin("t1"));
        assembler.accept(change("t1", "c", null, row(1, "a")));
        assembler.accept(end("t1", 1));
        assembler.accept(schemaChange("ALTER TABLE orders ADD COLUMN note VARCHAR(20)", "false", "\"shop\".\"orders\""));

        assertThat(recorder.transactions).hasSize(1);
        assertThat(recorder.schemaChanges).singleElement().satisfies(change -> {
            assertThat(change.tables()).containsExactly(new TableId("shop", "orders"));
            assertThat(change.ddl()).startsWith("ALTER TABLE orders");
            assertThat(change.id()).isEqualTo("file=mysql-bin.000001,pos=" + position);
        });
    }

    @Test
    void schemaChangesOfTheInitialSnapshotAndOfOtherTablesAreNotChanges() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED);

        assembler.accept(schemaChange("CREATE TABLE orders (id BIGINT)", "true", "\"shop\".\"orders\""));
        assembler.accept(schemaChange("CREATE TABLE other (id BIGINT)", "false", "\"shop\".\"other\""));

        assertThat(recorder.schemaChanges).isEmpty();
    }

    @Test
    void aSchemaChangeReadAgainAfterARestartFromItsOwnPositionIsSkipped() throws Exception {
        position = 500;
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of("file", "mysql-bin.000001", "pos", 600L), CAPTURED);

        assembler.accept(schemaChange("ALTER TABLE orders ADD COLUMN note VARCHAR(20)", "false", "\"shop\".\"orders\""));

        assertThat(recorder.schemaChanges).isEmpty();
    }

    @Test
    void snapshotRowsBecomeTransactionsOfAtMostTheGivenRowsPerTableInReadOrderWithoutAnEndPosition() throws Exception {
        List<String> events = new ArrayList<>();
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED, 2, () -> events.add("snapshot ended"));

        assembler.accept(snapshotRead("orders", row(1, "a"), "first"));
        assembler.accept(snapshotRead("orders", row(2, "b"), "true"));
        assembler.accept(snapshotRead("orders", row(3, "c"), "last_in_data_collection"));
        assembler.accept(snapshotRead("customers", row(10, "x"), "last"));
        events.add(recorder.transactions.size() + " transactions");
        assembler.accept(heartbeat("mysql-bin.000001", 4_000));

        assertThat(recorder.transactions).extracting(Transaction::id)
                .containsExactly("snapshot:shop.orders:1", "snapshot:shop.orders:2", "snapshot:shop.customers:1");
        assertThat(recorder.transactions).allSatisfy(transaction -> {
            assertThat(transaction.endPosition()).as("a snapshot transaction is no place to resume").isNull();
            assertThat(transaction.changes()).allSatisfy(change -> assertThat(change.operation()).isEqualTo(Operation.READ));
        });
        assertThat(recorder.transactions.stream().flatMap(transaction -> transaction.changes().stream()).map(change -> change.after().get("id")))
                .containsExactly(1L, 2L, 3L, 10L);
        assertThat(recorder.transactions.get(0).changes().get(0).source()).containsEntry("snapshot", "first").containsEntry("pos", 4_000L);
        assertThat(events).containsExactly("3 transactions", "snapshot ended");
        assertThat(recorder.idle).extracting(SourcePosition::description).containsExactly("mysql-bin.000001:4000");
    }

    @Test
    void noPositionIsPassedOnBeforeTheSnapshotEndsAndItsOpenGroupsAreTakenByTheFirstRecordAfterIt() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED, 1_000, () -> { });

        assembler.accept(snapshotRead("orders", row(1, "a"), "first"));
        assembler.accept(new SourceRecord(Map.of("server", "shop"), SNAPSHOT_OFFSET, "__debezium-heartbeat.shop", null, null));
        assembler.accept(snapshotRead("customers", row(10, "x"), "true"));
        assembler.accept(snapshotRead("orders", row(2, "b"), "true"));

        assertThat(recorder.transactions).isEmpty();
        assertThat(recorder.idle).isEmpty();

        assembler.accept(begin("t1"));
        assembler.accept(change("t1", "u", row(2, "b"), row(2, "B")));
        assembler.accept(end("t1", 1));

        assertThat(recorder.transactions).extracting(Transaction::id).containsExactly("snapshot:shop.orders:1", "snapshot:shop.customers:1", "t1");
        assertThat(recorder.transactions.get(0).changes()).extracting(change -> change.after().get("id")).containsExactly(1L, 2L);
        assertThat(recorder.transactions.get(2).endPosition()).isNotNull();
    }

    @Test
    void aSnapshotReadWhileTheBinlogIsStreamedIsRefused() throws Exception {
        TransactionAssembler assembler = new TransactionAssembler("shop", recorder, 100, Map.of(), CAPTURED);

        assembler.accept(heartbeat("mysql-bin.000001", 4_000));

        assertThatThrownBy(() -> assembler.accept(snapshotRead("orders", row(1, "a"), "incremental")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("initial snapshot only");
    }

    private static SourceRecord snapshotRead(String table, Struct after, String marker) {
        Struct value = new Struct(SNAPSHOT_ENVELOPE).put("after", after).put("op", "r")
                .put("source", new Struct(SNAPSHOT_SOURCE).put("db", "shop").put("table", table).put("file", "mysql-bin.000001").put("pos", 4_000L)
                        .put("snapshot", marker));
        return new SourceRecord(Map.of("server", "shop"), SNAPSHOT_OFFSET, "shop.shop." + table, SNAPSHOT_ENVELOPE, value);
    }

    private SourceRecord schemaChange(String ddl, String snapshot, String tableId) {
        Map<String, ?> offset = offset();
        Struct value = new Struct(SCHEMA_CHANGE).put("databaseName", "shop").put("ddl", ddl)
                .put("source", new Struct(DDL_SOURCE).put("file", "mysql-bin.000001").put("pos", position).put("snapshot", snapshot))
                .put("tableChanges", List.of(new Struct(TABLE_CHANGE).put("id", tableId)));
        return new SourceRecord(Map.of("server", "shop"), offset, "shop", SCHEMA_CHANGE, value);
    }

    private static SourceRecord heartbeat(String file, long pos) {
        return new SourceRecord(Map.of("server", "shop"), Map.of("file", file, "pos", pos), "__debezium-heartbeat.shop", null, null);
    }

    private SourceRecord begin(String id) {
        return metadata("BEGIN", id, null);
    }

    private SourceRecord end(String id, long events) {
        return metadata("END", id, events);
    }

    private SourceRecord metadata(String status, String id, Long events) {
        Struct value = new Struct(METADATA).put("status", status).put("id", id).put("event_count", events);
        return new SourceRecord(Map.of("server", "shop"), offset(), "shop.transaction", METADATA, value);
    }

    private SourceRecord change(String transaction, String op, Struct before, Struct after) {
        Struct value = new Struct(ENVELOPE).put("before", before).put("after", after).put("op", op)
                .put("source", new Struct(SOURCE).put("db", "shop").put("table", "orders").put("pos", position))
                .put("transaction", new Struct(TRANSACTION_BLOCK).put("id", transaction));
        return new SourceRecord(Map.of("server", "shop"), offset(), "shop.shop.orders", ENVELOPE, value);
    }

    private static SourceRecord withHeader(SourceRecord record, String header) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(header, "key");
        return new SourceRecord(record.sourcePartition(), record.sourceOffset(), record.topic(), null, null, null, record.valueSchema(), record.value(),
                null, headers);
    }

    private Map<String, ?> offset() {
        position += 100;
        return Map.of("file", "mysql-bin.000001", "pos", position);
    }

    private static Struct row(long id, String name) {
        return new Struct(ROW).put("id", id).put("name", name);
    }

    /** A listener that keeps what it is given. */
    private static final class Recorder implements SourceListener {

        final List<Transaction> transactions = new ArrayList<>();
        final List<TransactionPart> parts = new ArrayList<>();
        final List<SourcePosition> idle = new ArrayList<>();
        final List<SchemaChange> schemaChanges = new ArrayList<>();

        @Override
        public void onTransaction(Transaction transaction) {
            transactions.add(transaction);
        }

        @Override
        public void onTransactionPart(TransactionPart part) {
            parts.add(part);
        }

        @Override
        public void onSchemaChange(SchemaChange change, SourcePosition end) {
            schemaChanges.add(change);
        }

        @Override
        public void onIdle(SourcePosition position) {
            idle.add(position);
        }
    }
}
