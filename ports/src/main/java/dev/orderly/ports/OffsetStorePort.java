package dev.orderly.ports;

import java.util.Optional;

/**
 * Durable storage of the pipeline's {@link Checkpoint}. Threading: called from one pipeline thread.
 * Lifecycle: {@link #load} once at start, then {@link #commit} any number of times.
 */
public interface OffsetStorePort {

    /** The last committed checkpoint; empty when the pipeline never committed one. */
    Optional<Checkpoint> load();

    /**
     * Stores {@code checkpoint} durably and atomically: after a crash {@link #load} returns either it
     * or the one before, never a mix.
     *
     * @throws java.io.UncheckedIOException when it cannot be stored; the pipeline then stops
     */
    void commit(Checkpoint checkpoint);
}
