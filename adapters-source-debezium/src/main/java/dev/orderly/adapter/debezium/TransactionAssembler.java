package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.ChangeEvent;
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
 * between transactions become idle positions. Used from the engine's single thread only.
 */
final class TransactionAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionAssembler.class);

    private final String transactionTopic;
    private final String heartbeatTopic;
    private final SourceListener listener;
    private String openId;
    private List<ChangeEvent> open = new ArrayList<>();

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
    }

    private void change(SourceRecord record) {
        String id = ChangeConverter.transactionId(record);
        if (openId == null || (id != null && !id.equals(openId))) {
            throw new IllegalStateException("change of " + record.topic() + " in transaction " + id + " arrived outside its BEGIN/END (open: "
                    + openId + "); transaction metadata must be on (provide.transaction.metadata=true)");
        }
        ChangeConverter.convert(record).ifPresent(open::add);
    }

    private void end(String id, Long eventCount, SourceRecord record) throws InterruptedException {
        if (!id.equals(openId)) {
            throw new IllegalStateException("transaction " + id + " ended but the open transaction is " + openId);
        }
        List<ChangeEvent> changes = open;
        openId = null;
        open = new ArrayList<>();
        if (changes.isEmpty()) {
            // A restart from a transaction's END position replays its BEGIN and END with every change skipped.
            LOG.debug("Skipping transaction {} whose changes were all delivered before the restart", id);
            return;
        }
        if (eventCount != null && eventCount != changes.size()) {
            LOG.warn("Transaction {} ended with event_count {} but {} changes were read", id, eventCount, changes.size());
        }
        listener.onTransaction(new Transaction(id, changes, PositionCodec.encode(record.sourcePartition(), record.sourceOffset())));
    }
}
