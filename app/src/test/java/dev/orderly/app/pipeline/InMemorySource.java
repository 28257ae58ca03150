package dev.orderly.app.pipeline;

import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import dev.orderly.ports.SourceListener;
import dev.orderly.ports.SourcePort;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A source the test drives by hand: {@link #emit} calls the listener on the test's thread. */
final class InMemorySource implements SourcePort {

    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private SourceListener listener;
    Optional<SourcePosition> startedFrom;

    @Override
    public void start(Optional<SourcePosition> resumeAfter, SourceListener listener) {
        this.startedFrom = resumeAfter;
        this.listener = listener;
    }

    void emit(Transaction transaction) throws InterruptedException {
        listener.onTransaction(transaction);
    }

    void emitPart(TransactionPart part) throws InterruptedException {
        listener.onTransactionPart(part);
    }

    void emitSchemaChange(SchemaChange change, SourcePosition end) throws InterruptedException {
        listener.onSchemaChange(change, end);
    }

    void idle(SourcePosition position) {
        listener.onIdle(position);
    }

    @Override
    public CompletableFuture<Void> streaming() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> termination() {
        return termination;
    }

    @Override
    public void close() {
        termination.complete(null);
    }
}
