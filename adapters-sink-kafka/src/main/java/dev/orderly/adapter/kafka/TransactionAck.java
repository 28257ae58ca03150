package dev.orderly.adapter.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the acknowledgements of one source transaction's records. Callbacks run on the producer's
 * I/O thread: they only count and complete, never throw.
 */
final class TransactionAck {

    private final AtomicInteger outstanding;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    TransactionAck(int records) {
        this.outstanding = new AtomicInteger(records);
        if (records == 0) {
            done.complete(null);
        }
    }

    void acknowledged() {
        if (outstanding.decrementAndGet() == 0) {
            done.complete(null);
        }
    }

    void failed(Exception exception) {
        done.completeExceptionally(exception);
    }

    CompletableFuture<Void> future() {
        return done;
    }
}
