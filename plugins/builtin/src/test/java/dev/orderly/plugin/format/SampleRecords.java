package dev.orderly.plugin.format;

import dev.orderly.domain.change.ChangeEvent;
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
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.ports.RecordHeaders;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records the format tests pin: changes of {@code shop.orders (id BIGINT PRIMARY KEY, customer_id
 * BIGINT, amount DECIMAL(10,2), status VARCHAR, note VARCHAR NULL)} in transaction seq 1042, routed
 * the way the pipeline routes them, with the column types of the sample workload.
 */
public final class SampleRecords {

    public static final TableId ORDERS = TableId.parse("shop.orders");
    public static final String GTID = "3e11fa47-71ca-11e1-9e33-c80aa9429562:23";
    /** The id of the first snapshot transaction of the orders. */
    public static final String SNAPSHOT_ID = "snapshot:shop.orders:1";
    /** The commit time in every sample's source block. */
    public static final long COMMITTED_AT = 1764000000000L;
    /** The time the formats' clock says: when a record is written. */
    public static final Clock WRITE_CLOCK = Clock.fixed(Instant.ofEpochMilli(1764000000250L), ZoneOffset.UTC);

    private SampleRecords() {
    }

    public static Row row(long id, long customer, String amount, String status, String note) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("customer_id", customer);
        values.put("amount", new BigDecimal(amount));
        values.put("status", status);
        values.put("note", note);
        return Row.of(values);
    }

    public static Map<String, Object> source() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("server_id", 1L);
        source.put("file", "mysql-bin.000003");
        source.put("pos", 4711L);
        source.put("row", 0);
        source.put("gtid", GTID);
        source.put("ts_ms", COMMITTED_AT);
        return source;
    }

    public static RoutedRecord insert() {
        return routed(ChangeEvent.insert(ORDERS, row(7, 10, "12.50", "new", null), source()), true).get(0);
    }

    public static RoutedRecord update() {
        return routed(ChangeEvent.update(ORDERS, row(7, 10, "12.50", "new", null), row(7, 10, "13.75", "paid", "gift"), source()), true).get(0);
    }

    public static RoutedRecord delete() {
        return routed(ChangeEvent.delete(ORDERS, row(7, 10, "13.75", "paid", "gift"), source()), true).get(0);
    }

    /**
     * A row the initial snapshot read, the last of the snapshot ({@code source.snapshot} {@code last}),
     * in the first snapshot transaction, seq 1.
     */
    public static RoutedRecord snapshotRead() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("server_id", 0L);
        source.put("file", "mysql-bin.000003");
        source.put("pos", 4711L);
        source.put("row", 0);
        source.put("ts_ms", COMMITTED_AT);
        source.put("snapshot", "last");
        TransactionRouter router = new TransactionRouter(
                table -> new ShardingColumns(table, List.of("id"), ShardingColumns.Origin.PRIMARY_KEY),
                (ignored, key, partitionCount) -> KeyHash.partition(key, partitionCount), "hash", true);
        return router.route(Transaction.ofSnapshot(SNAPSHOT_ID, List.of(ChangeEvent.read(ORDERS, row(7, 10, "12.50", "new", null), source))), 1, 8)
                .get(0);
    }

    /** An update of the primary key (7 to 8) in {@code hash} mode, sharded by the primary key: a delete half and an insert half. */
    public static List<RoutedRecord> keyChangeHalves() {
        return routed(primaryKeyChange(), true);
    }

    /** The same update where nothing splits it ({@code one_partition}): one update record. */
    public static RoutedRecord unsplitKeyChange() {
        return routed(primaryKeyChange(), false).get(0);
    }

    private static ChangeEvent primaryKeyChange() {
        return ChangeEvent.update(ORDERS, row(7, 10, "13.75", "paid", null), row(8, 10, "13.75", "paid", null), source());
    }

    /** {@code ALTER TABLE} of the orders, seq 1043, in partition 3. */
    public static RoutedSchemaChange schemaChange() {
        String gtid = "3e11fa47-71ca-11e1-9e33-c80aa9429562:24";
        Map<String, Object> source = source();
        source.put("gtid", gtid);
        source.put("pos", 5120L);
        return new RoutedSchemaChange(new SchemaChange(gtid, "shop", List.of(ORDERS), "ALTER TABLE orders ADD COLUMN note VARCHAR(40) NULL", source),
                3, new TransactionMark(gtid, 1043, 0, 1));
    }

    public static Marker watermark() {
        return Marker.watermark(1042, 0, 8);
    }

    /** The headers the pipeline writes on a row record. */
    public static Map<String, byte[]> headers(RoutedRecord record) {
        return RecordHeaders.ofRow(record.txn(), record.schemaVersion());
    }

    private static List<RoutedRecord> routed(ChangeEvent change, boolean splitKeyChanges) {
        TransactionRouter router = new TransactionRouter(
                table -> new ShardingColumns(table, List.of("id"), ShardingColumns.Origin.PRIMARY_KEY),
                (ignored, key, partitionCount) -> KeyHash.partition(key, partitionCount), splitKeyChanges ? "hash" : "one_partition", splitKeyChanges);
        return router.route(new Transaction(GTID, List.of(change), new SourcePosition("t", "d")), 1042, 8);
    }
}
