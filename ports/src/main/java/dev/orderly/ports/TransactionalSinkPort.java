package dev.orderly.ports;

import java.util.Optional;

/**
 * A sink that writes records and the pipeline's checkpoint atomically (D2, exactly-once): everything
 * {@link #send sent} since the last {@link #commit} becomes visible to {@code read_committed} readers
 * together with the checkpoint, or not at all.
 *
 * <p>Threading: {@link #send} and {@link #commit} are called by one thread at a time (the pipeline
 * serialises them). Lifecycle: as {@link SinkPort}; a sink that was fenced by another instance of the
 * same pipeline refuses everything after.
 */
public interface TransactionalSinkPort extends SinkPort {

    /**
     * Writes {@code checkpoint} and commits it with every record sent since the last commit; blocks
     * until the commit is durable. Empty commits the records alone (a transaction too large for one
     * Kafka transaction, before the pipeline's first checkpoint).
     *
     * @throws SinkFencedException when another instance of the same pipeline took over
     * @throws IllegalStateException when the commit failed; nothing since the last commit is visible
     */
    void commit(Optional<Checkpoint> checkpoint);
}
