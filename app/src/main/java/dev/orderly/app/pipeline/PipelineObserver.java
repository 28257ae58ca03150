package dev.orderly.app.pipeline;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.ports.Checkpoint;

/**
 * What a running pipeline reports about its work, for metrics and the progress line. Every method
 * has an empty default, so an observer overrides what it needs.
 *
 * <p>Threading: {@link #started}, {@link #sent}, {@link #read} and {@link #idle} come from the source's thread, in
 * order; {@link #acknowledged} comes from the sink's I/O thread and {@link #committed} from the
 * committer thread. Implementations must be fast, must not block and must not throw: they run on the
 * pipeline's hot path and inside producer callbacks.
 */
public interface PipelineObserver {

    /** Observes nothing. */
    PipelineObserver NONE = new PipelineObserver() {
    };

    /** The run starts writing to {@code topic}, which has {@code partitionCount} partitions; before any other call. */
    default void started(String topic, int partitionCount) {
    }

    /**
     * A row record was handed to the sink.
     *
     * @param key the Kafka key bytes, or {@code null} for a record without key; not to be modified or kept
     * @param bytes the record's key and value size
     */
    default void sent(TableId table, int partition, byte[] key, int bytes) {
    }

    /**
     * A source transaction (or the first part of a streamed one) was read.
     *
     * @param end where the source stands after it; {@code null} for the first part of a streamed transaction and for a snapshot transaction
     * @param commitMillis the source's commit timestamp in epoch milliseconds, or -1 when unknown
     */
    default void read(SourcePosition end, long commitMillis) {
    }

    /**
     * Kafka acknowledged the row records of one delivery.
     *
     * @param records how many row records it held
     * @param readNanos {@link System#nanoTime()} when the pipeline received them from the source
     * @param commitMillis the source's commit timestamp in epoch milliseconds, or -1 when unknown
     */
    default void acknowledged(int records, long readNanos, long commitMillis) {
    }

    /** The source has nothing to read at {@code position}: it is caught up. */
    default void idle(SourcePosition position) {
    }

    /** A checkpoint was committed. */
    default void committed(Checkpoint checkpoint) {
    }
}
