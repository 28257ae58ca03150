package dev.orderly.sandbox.topic;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.CommitSequence;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.RoutedSchemaChange;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.TransactionHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The records orderly sends for a scripted history, in send order: each transaction routed by the
 * production {@link TransactionRouter} with the next seq (from 1) and its tables' schema versions,
 * each schema change with a seq of its own (one copy in partition 0 under {@code one_partition}, one
 * in every partition under {@code hash}), each watermark in every partition; values in the given
 * format, headers by {@link RecordHeaders}. In a fresh topic each record's offset is its position
 * among the records of its partition ({@link #offsetOf}). Not thread-safe.
 */
public final class ScriptedTopic {

    private static final Map<String, Object> SOURCE = Map.of();

    private final TransactionRouter router;
    private final int partitionCount;
    private final boolean hash;
    private final MessageFormatPort format;
    private final CommitSequence sequence = new CommitSequence(0);
    private final Map<TableId, Long> schemaVersions = new HashMap<>();
    private final List<OutgoingRecord> records = new ArrayList<>();

    private ScriptedTopic(TransactionRouter router, int partitionCount, boolean hash, MessageFormatPort format) {
        this.router = router;
        this.partitionCount = partitionCount;
        this.hash = hash;
        this.format = requireNonNull(format, "format is null");
    }

    /** A {@code one_partition} topic: everything in partition 0. */
    public static ScriptedTopic onePartition(Function<TableId, ShardingColumns> shardingColumns, MessageFormatPort format) {
        return new ScriptedTopic(new TransactionRouter(shardingColumns, (change, key, count) -> 0, "one_partition", false), 1, false, format);
    }

    /** A {@code hash} topic of {@code partitionCount} partitions, key-changing updates split. */
    public static ScriptedTopic hash(int partitionCount, Function<TableId, ShardingColumns> shardingColumns, MessageFormatPort format) {
        return new ScriptedTopic(new TransactionRouter(shardingColumns, (change, key, count) -> KeyHash.partition(key, count), "hash", true),
                partitionCount, true, format);
    }

    /** A transaction with the next seq. */
    public ScriptedTopic transaction(String id, ChangeEvent... changes) {
        Transaction transaction = new Transaction(id, List.of(changes), new SourcePosition(id, "after " + id));
        for (RoutedRecord routed : router.route(transaction, sequence.next(), partitionCount)) {
            RoutedRecord versioned = routed.withSchemaVersion(schemaVersions.getOrDefault(routed.change().table(), 0L));
            records.add(new OutgoingRecord(versioned.partition(), versioned.key().isNone() ? null : versioned.key().encoded(),
                    format.value(versioned), RecordHeaders.ofRow(versioned.txn(), versioned.schemaVersion())));
        }
        return this;
    }

    /** A schema change of {@code tables} with the next seq, which becomes their schema version. */
    public ScriptedTopic schemaChange(String id, String ddl, TableId... tables) {
        long seq = sequence.next();
        SchemaChange change = new SchemaChange(id, tables[0].database(), List.of(tables), ddl, SOURCE);
        TransactionMark txn = new TransactionMark(id, seq, 0, 1);
        for (int partition = 0; partition < (hash ? partitionCount : 1); partition++) {
            RoutedSchemaChange routed = new RoutedSchemaChange(change, partition, txn);
            records.add(new OutgoingRecord(partition, null, format.schemaChange(routed), RecordHeaders.ofSchemaChange(routed)));
        }
        for (TableId table : tables) {
            schemaVersions.put(table, seq);
        }
        return this;
    }

    /** A watermark of the last seq written, in every partition. */
    public ScriptedTopic watermark() {
        Marker marker = Marker.watermark(sequence.last(), 0, partitionCount);
        for (int partition = 0; partition < partitionCount; partition++) {
            records.add(new OutgoingRecord(partition, null, format.marker(marker), RecordHeaders.ofMarker(marker)));
        }
        return this;
    }

    /** The seq of the last transaction or schema change; 0 before the first. */
    public long lastSeq() {
        return sequence.last();
    }

    /** The records in send order; a copy, which a test may change to plant faults. */
    public List<OutgoingRecord> records() {
        return new ArrayList<>(records);
    }

    /**
     * The position in {@code records} of the data record of seq {@code seq} with index {@code index}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static int indexOf(List<OutgoingRecord> records, long seq, int index) {
        for (int i = 0; i < records.size(); i++) {
            Map<String, byte[]> headers = records.get(i).headers();
            if (!RecordHeaders.isControl(headers) && seq == number(headers, TransactionHeaders.SEQ) && index == number(headers, TransactionHeaders.INDEX)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no data record of seq " + seq + " index " + index + " among the " + records.size() + " records");
    }

    /**
     * The position in {@code records} of the watermark {@code watermark} of partition {@code partition}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static int indexOfWatermark(List<OutgoingRecord> records, int partition, long watermark) {
        for (int i = 0; i < records.size(); i++) {
            OutgoingRecord record = records.get(i);
            if (record.partition() == partition && record.headers().containsKey(TransactionHeaders.WATERMARK)
                    && number(record.headers(), TransactionHeaders.WATERMARK) == watermark) {
                return i;
            }
        }
        throw new IllegalArgumentException("no watermark " + watermark + " in partition " + partition + " among the " + records.size() + " records");
    }

    /** The seq a record carries (a data record's or a schema change copy's); 0 for a watermark or an epoch marker. */
    public static long seqOf(OutgoingRecord record) {
        return Math.max(0, number(record.headers(), TransactionHeaders.SEQ));
    }

    private static long number(Map<String, byte[]> headers, String name) {
        byte[] value = headers.get(name);
        return value == null ? -1 : Long.parseLong(new String(value, StandardCharsets.UTF_8));
    }

    /** The offset {@code records.get(index)} gets when {@code records} are sent in order to a fresh topic. */
    public static long offsetOf(List<OutgoingRecord> records, int index) {
        int partition = records.get(index).partition();
        return records.subList(0, index).stream().filter(record -> record.partition() == partition).count();
    }
}
