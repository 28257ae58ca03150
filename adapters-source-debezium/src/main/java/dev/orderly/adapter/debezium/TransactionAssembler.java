package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Transaction;
import dev.orderly.ports.SourceListener;
import java.util.ArrayList;
import java.util.List;
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
 * must be split (H3). Used from the engine's single thread only.
 */
final class TransactionAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionAssembler.class);

    private final String transactionTopic;
    private final String heartbeatTopic;
    private final SourceListener listener;
    private static final String NEW_KEY_HEADER = "__debezium.newkey";
    private static final String OLD_KEY_HEADER = "__debezium.oldkey";

    private String openId;
    private List<ChangeEvent> open = new ArrayList<>();
    private long received;
    private ChangeEvent keyChangeDelete;

    TransactionAssembler(String topicPrefix, SourceListener listener) {
        this.transactionTopic = topicPrefix + ".transaction";
        this.heartbeatTopic = "__debezium-heartbeat." + topicPrefix;
        this.listener = listener;
    }

    void accept(SourceRecord record) throws InterruptedException {
        if (transactionTopic.equals(record.topic())) {
            Struct value = (Struct) record.value();
            String status = value.getString("status");
            if ("BEGIN".equals(status)) {
                begin(value.getString("id"));
            } else if ("END".equals(status)) {
                end(value.getString("id"), value.getInt64("event_count"), record);
            }
        } else if (heartbeatTopic.equals(record.topic())) {
            if (openId == null) {
                listener.onIdle(PositionCodec.encode(record.sourcePartition(), record.sourceOffset()));
            }
        } else if (ChangeConverter.isChange(record)) {
            change(record);
        }
    }

    private void begin(String id) {
        if (openId != null && !open.isEmpty()) {
            throw new IllegalStateException("transaction " + id + " began while transaction " + openId + " with " + open.size()
                    + " changes had not ended; the binlog stream is inconsistent");
        }
        openId = id;
        open = new ArrayList<>();
        received = 0;
        keyChangeDelete = null;
    }

    private void change(SourceRecord record) {
        String id = ChangeConverter.transactionId(record);
        if (openId == null || (id != null && !id.equals(openId))) {
            throw new IllegalStateException("change of " + record.topic() + " in transaction " + id + " arrived outside its BEGIN/END (open: "
                    + openId + "); transaction metadata must be on (provide.transaction.metadata=true)");
        }
        received++;
        ChangeConverter.convert(record).ifPresent(change -> add(change, record));
    }

    private void add(ChangeEvent change, SourceRecord record) {
        if (change.operation() == Operation.DELETE && record.headers().lastWithName(NEW_KEY_HEADER) != null) {
            flushKeyChangeDelete();
            keyChangeDelete = change;
            return;
        }
        if (change.operation() == Operation.INSERT && record.headers().lastWithName(OLD_KEY_HEADER) != null
                && keyChangeDelete != null && keyChangeDelete.table().equals(change.table())) {
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
        if (!id.equals(openId)) {
            throw new IllegalStateException("transaction " + id + " ended but the open transaction is " + openId);
        }
        flushKeyChangeDelete();
        List<ChangeEvent> changes = open;
        openId = null;
        open = new ArrayList<>();
        if (changes.isEmpty()) {
            // A restart from a transaction's END position replays its BEGIN and END with every change skipped.
            LOG.debug("Skipping transaction {} whose changes were all delivered before the restart", id);
            return;
        }
        if (eventCount != null && eventCount != received) {
            LOG.warn("Transaction {} ended with event_count {} but {} change records were read", id, eventCount, received);
        }
        listener.onTransaction(new Transaction(id, changes, PositionCodec.encode(record.sourcePartition(), record.sourceOffset())));
    }
}
