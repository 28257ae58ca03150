package dev.orderly.ports;

import dev.orderly.domain.change.SourcePosition;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A stream of committed transactions read from a database's binlog, in commit order.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #close} once. Threading: the listener is called from
 * one thread owned by the source, never concurrently; a listener that blocks slows the source down,
 * which is how the sink applies back-pressure.
 */
public interface SourcePort extends AutoCloseable {

    /**
     * Starts reading and returns at once.
     *
     * @param resumeAfter the position of the last committed checkpoint; empty to start at the
     *     source's current end of binlog
     * @param listener receives transactions and idle positions; never {@code null}
     */
    void start(Optional<SourcePosition> resumeAfter, SourceListener listener);

    /**
     * Completes once the source reads the live binlog: every transaction committed from then on
     * will be delivered. Completes exceptionally when the source stops first.
     */
    CompletableFuture<Void> streaming();

    /**
     * Completes when the source has stopped: normally after {@link #close}, exceptionally when it
     * failed (lost connection it could not restore, purged binlog, listener threw).
     */
    CompletableFuture<Void> termination();

    /** Stops reading; idempotent; does not throw. */
    @Override
    void close();
}
