package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import dev.orderly.ports.SourceListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups Debezium records into transactions using its transaction metadata: a BEGIN record, the
 * change records, an END record whose offset is the transaction's resume position. Heartbeats
 * between transactions become idle positions. Debezium emits an update of a primary key as a DELETE
 * and a CREATE marked with {@code __debezium.newkey} / {@code __debezium.oldkey} headers; they are
 * merged back into the one UPDATE the source committed, so the partition rule decides whether it
 * must be split (H3). A transaction with more changes than the streaming threshold is passed on in
 * parts as it is read, so memory stays bounded. Schema changes of captured tables are passed on
 * between transactions, in binlog order (H6).
 *
 * <p>The rows of an initial snapshot come first, without transaction metadata; {@link SnapshotGrouping}
 * makes transactions of them. The snapshot ends with the first record whose offset is no snapshot
 * offset (Debezium sends a heartbeat at the snapshot's binlog position when the snapshot completes);
 * until then no position is passed on, because a restart from a snapshot offset would not read the
 * snapshot's remaining rows. Used from the engine's single thread only.
 */
final class TransactionAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionAssembler.class);
    /** Rows of an initial snapshot grouped into one transaction. */
    static final int SNAPSHOT_TRANSACTION_ROWS = 1_000;

    private final String transactionTopic;
    private final String heartbeatTopic;
    private final SourceListener listener;
    private final int streamingThreshold;
    private final Set<TableId> captured;
    private final SnapshotGrouping snapshot;
    private final Runnable onSnapshotEnd;
    private final ChangeConverter converter = new ChangeConverter();
    /** Whether a record after the snapshot phase arrived: the binlog is being streamed. */
    private boolean pastSnapshot;
    /** The position of the last transaction end (or the resume point): idle positions must lie after it. */
    private BinlogCoordinate floor;
    private boolean streaming;
    private static final String NEW_KEY_HEADER = "__debezium.newkey";
    private static final String OLD_KEY_HEADER = "__debezium.oldkey";

    private String openId;
    private List<ChangeEvent> open = new ArrayList<>();
    private long received;
    private ChangeEvent keyChangeDelete;

    /**
     * @param streamingThreshold changes of one transaction held in memory; a larger transaction is passed on in parts
     * @param resumeOffset the offset the engine resumes from; empty when it starts afresh
     */
    TransactionAssembler(String topicPrefix, SourceListener listener, int streamingThreshold, Map<String, ?> resumeOffset, Set<TableId> captured) {
        this(topicPrefix, listener, streamingThreshold, resumeOffset, captured, SNAPSHOT_TRANSACTION_ROWS, () -> { });
    }

    /**
     * @param snapshotTransactionRows the most rows of an initial snapshot in one transaction
     * @param onSnapshotEnd called once, with the first record after the snapshot phase (also when no
     *     snapshot was taken): from then on the binlog is streamed
     */
    TransactionAssembler(String topicPrefix, SourceListener listener, int streamingThreshold, Map<String, ?> resumeOffset, Set<TableId> captured,
                         int snapshotTransactionRows, Runnable onSnapshotEnd) {
        if (streamingThreshold < 2) {
            throw new IllegalArgumentException("streamingThreshold must be >= 2 but got " + streamingThreshold);
        }
        this.transactionTopic = topicPrefix + ".transaction";
        this.heartbeatTopic = "__debezium-heartbeat." + topicPrefix;
        this.listener = listener;
        this.streamingThreshold = streamingThreshold;
        this.captured = Set.copyOf(captured);
        this.snapshot = new SnapshotGrouping(listener, snapshotTransactionRows);
        this.onSnapshotEnd = onSnapshotEnd;
        this.floor = BinlogCoordinate.of(resumeOffset).orElse(null);
    }

    /**
     * Whether a heartbeat's position lies after everything delivered so far. Right after connecting,
     * Debezium can report a position before the resume point (the start of the binlog file, with the
     * events to skip forgotten); committing it would deliver the last transaction again under a new
     * seq, so such a position is never passed on.
     */
    private boolean isPastFloor(Map<String, ?> offset) {
        if (floor == null) {
            return true;
        }
        Optional<BinlogCoordinate> coordinate = BinlogCoordinate.of(offset);
        return coordinate.isPresent() && coordinate.get().isAfter(floor);
    }

    /** Whether an offset is one of the snapshot phase (it says {@code snapshot}: Debezium resumes from it by taking the snapshot again). */
    private static boolean isSnapshotOffset(Map<String, ?> offset) {
        Object snapshotKey = offset == null ? null : offset.get("snapshot");
        return snapshotKey != null && !"false".equalsIgnoreCase(snapshotKey.toString());
    }

    void accept(SourceRecord record) throws InterruptedException {
        if (converter.isChange(record) && converter.isSnapshotRead(record)) {
            snapshotRead(record);
            return;
        }
        if (!pastSnapshot && !isSnapshotOffset(record.sourceOffset())) {
            endSnapshot();
        }
        if (transactionTopic.equals(record.topic())) {
            Struct value = (Struct) record.value();
            String status = value.getString("status");
            if ("BEGIN".equals(status)) {
                begin(value.getString("id"));
            } else if ("END".equals(status)) {
                end(value.getString("id"), value.getInt64("event_count"), record);
            }
        } else if (heartbeatTopic.equals(record.topic())) {
            if (openId == null && pastSnapshot && isPastFloor(record.sourceOffset())) {
                listener.onIdle(PositionCodec.encode(record.sourcePartition(), record.sourceOffset()));
            }
        } else if (converter.isChange(record)) {
            change(record);
        } else if (SchemaChangeConverter.isSchemaChange(record)) {
            schemaChange(record);
        }
    }

    private void snapshotRead(SourceRecord record) throws InterruptedException {
        if (pastSnapshot) {
            throw new IllegalStateException("a row read by a snapshot (" + record.topic() + ") arrived while the binlog is streamed; orderly takes"
                    + " the initial snapshot only (source.snapshot: initial), not Debezium's incremental or blocking snapshots: remove the"
                    + " signalling settings from source.debezium");
        }
        Optional<ChangeEvent> read = converter.convert(record);
        if (read.isPresent()) {
            snapshot.add(read.get(), converter.isLastOfTable(record));
        }
    }

    /** The snapshot phase is over: its last groups are passed on; the binlog is streamed from here. */
    private void endSnapshot() throws InterruptedException {
        snapshot.end();
        pastSnapshot = true;
        if (snapshot.rows() > 0) {
            LOG.info("Initial snapshot read: {} rows in {} transactions; streaming the binlog from the snapshot's position", snapshot.rows(),
                    snapshot.transactions());
        }
        onSnapshotEnd.run();
    }

    private void schemaChange(SourceRecord record) throws InterruptedException {
        Optional<SchemaChange> change = SchemaChangeConverter.convert(record, captured);
        if (change.isEmpty()) {
            return;
        }
        if (streaming) {
            throw new IllegalStateException("schema change '" + change.get().ddl() + "' arrived inside transaction " + openId + ", of which parts"
                    + " were already written; orderly stops so that the order of the topic stays that of the binlog");
        }
        // A restart from the change's own position can read it again: what is not after the floor was delivered already.
        if (!isPastFloor(record.sourceOffset())) {
            LOG.debug("Skipping schema change of {} at {}, delivered before the restart", change.get().tables(), record.sourceOffset());
            return;
        }
        BinlogCoordinate.of(record.sourceOffset()).ifPresent(at -> floor = at);
        listener.onSchemaChange(change.get(), PositionCodec.encode(record.sourcePartition(), record.sourceOffset()));
    }

    private void begin(String id) {
        if (id.equals(openId)) {
            // The binlog client reconnected inside this transaction (keep-alive after a stall) and the server sends it again
            // from its start: what was read of it is read again, so it is dropped, unless parts of it were already passed on.
            if (streaming) {
                throw new IllegalStateException("the binlog client reconnected inside transaction " + id + ", of which parts were already"
                        + " written; orderly stops so that a restart delivers it again from its start");
            }
            LOG.warn("The binlog client reconnected inside transaction {}; reading it again from its start", id);
        } else if (openId != null && !open.isEmpty()) {
            throw new IllegalStateException("transaction " + id + " began while transaction " + openId + " with " + open.size()
                    + " changes had not ended; the binlog stream is inconsistent");
        }
        openId = id;
        open = new ArrayList<>();
        received = 0;
        keyChangeDelete = null;
        streaming = false;
    }

    private void change(SourceRecord record) throws InterruptedException {
        String id = converter.transactionId(record);
        if (openId == null || (id != null && !id.equals(openId))) {
            throw new IllegalStateException("change of " + record.topic() + " in transaction " + id + " arrived outside its BEGIN/END (open: "
                    + openId + "); transaction metadata must be on (provide.transaction.metadata=true)");
        }
        received++;
        java.util.Optional<ChangeEvent> change = converter.convert(record);
        if (change.isPresent()) {
            add(change.get(), record);
        }
        if (open.size() >= streamingThreshold) {
            passOnPart();
        }
    }

    /** Passes all but the newest change on, so that the last part is never empty and carries the count. */
    private void passOnPart() throws InterruptedException {
        List<ChangeEvent> part = new ArrayList<>(open.subList(0, open.size() - 1));
        ChangeEvent newest = open.get(open.size() - 1);
        open = new ArrayList<>();
        open.add(newest);
        listener.onTransactionPart(new TransactionPart(openId, part, !streaming, false, null));
        streaming = true;
    }

    private void add(ChangeEvent change, SourceRecord record) {
        if (change.operation() == Operation.DELETE && record.headers().lastWithName(NEW_KEY_HEADER) != null) {
            flushKeyChangeDelete();
            keyChangeDelete = change;
            return;
        }
        if (change.operation() == Operation.INSERT && keyChangeDelete != null && record.headers().lastWithName(OLD_KEY_HEADER) != null
                && keyChangeDelete.table().equals(change.table())) {
            open.add(ChangeEvent.update(change.table(), keyChangeDelete.before(), change.after(), change.source()));
            keyChangeDelete = null;
            return;
        }
        flushKeyChangeDelete();
        open.add(change);
    }

    /** A key-change DELETE whose CREATE never came (a filtered table, say) stays a DELETE. */
    private void flushKeyChangeDelete() {
        if (keyChangeDelete != null) {
            open.add(keyChangeDelete);
            keyChangeDelete = null;
        }
    }

    private void end(String id, Long eventCount, SourceRecord record) throws InterruptedException {
        BinlogCoordinate.of(record.sourceOffset()).filter(end -> floor == null || end.isAfter(floor)).ifPresent(end -> floor = end);
        if (!id.equals(openId)) {
            throw new IllegalStateException("transaction " + id + " ended but the open transaction is " + openId);
        }
        flushKeyChangeDelete();
        List<ChangeEvent> changes = open;
        boolean streamed = streaming;
        openId = null;
        open = new ArrayList<>();
        streaming = false;
        if (eventCount != null && eventCount != received) {
            LOG.warn("Transaction {} ended with event_count {} but {} change records were read", id, eventCount, received);
        }
        if (streamed) {
            listener.onTransactionPart(new TransactionPart(id, changes, false, true, PositionCodec.encode(record.sourcePartition(), record.sourceOffset())));
            return;
        }
        if (changes.isEmpty()) {
            // A restart from a transaction's END position replays its BEGIN and END with every change skipped.
            LOG.debug("Skipping transaction {} whose changes were all delivered before the restart", id);
            return;
        }
        listener.onTransaction(new Transaction(id, changes, PositionCodec.encode(record.sourcePartition(), record.sourceOffset())));
    }
}
