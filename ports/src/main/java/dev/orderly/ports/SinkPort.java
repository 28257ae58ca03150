package dev.orderly.ports;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where records go: a partitioned, ordered log such as a Kafka topic.
 *
 * <p>Order: records sent to one partition are appended in the order of {@link #send} calls and,
 * within a call, in list order, also across retries. Threading: {@link #send} is called from one
 * pipeline thread; the returned futures complete on the sink's own threads, so callers must not block
 * there. Lifecycle: {@link #prepareTopic} before the first send, {@link #close} once at the end.
 */
public interface SinkPort extends AutoCloseable {

    /**
     * Makes sure the topic exists, creating it with {@code partitionsIfCreated} partitions when it
     * does not.
     *
     * @return the topic's actual partition count
     */
    int prepareTopic(String topic, int partitionsIfCreated);

    /**
     * Sends the records of one source transaction, pipelined: it does not wait for earlier sends to
     * be acknowledged, but may block when the sink's buffer is full (back-pressure).
     *
     * @return completes when every record of this call is acknowledged, exceptionally with the first
     *     failure; never completes normally after a failure of an earlier call
     */
    CompletableFuture<Void> send(String topic, List<OutgoingRecord> records);

    /**
     * The largest record, in {@link OutgoingRecord#size()} bytes, that {@code topic} accepts; a larger
     * one would fail. Call after {@link #prepareTopic}.
     */
    default int maxRecordSize(String topic) {
        return Integer.MAX_VALUE;
    }

    /**
     * The sink's own counts of failed and retried record sends since it was created, for metrics.
     * Safe to call from any thread, cheap, never blocks.
     */
    default SinkStatistics statistics() {
        return SinkStatistics.NONE;
    }

    /** Blocks until every record sent so far is acknowledged or has failed. */
    void flush() throws InterruptedException;

    /** Flushes what it can and releases resources; does not throw. */
    @Override
    void close();
}
