package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import dev.orderly.ports.SourceListener;
import java.util.Optional;

/**
 * Passes everything on to the pipeline's listener and remembers the position after the last thing
 * it took: a whole transaction, the last part of one, or an idle position. An engine started there
 * after a lost connection delivers exactly what follows. While a transaction is being delivered in
 * parts there is no such position: its first parts are already with the pipeline; nor after a
 * transaction of an initial snapshot, which has no end position (another engine would not finish it).
 *
 * <p>Called from the engine's thread; read from any thread.
 */
final class DeliveredPositions implements SourceListener {

    private final SourceListener listener;
    private final Runnable onDelivered;
    private volatile SourcePosition last;
    private volatile boolean inParts;
    private volatile boolean listenerFailed;

    /**
     * @param resumedAfter where the first engine starts, if anywhere
     * @param onDelivered called after the listener took something
     */
    DeliveredPositions(SourceListener listener, Optional<SourcePosition> resumedAfter, Runnable onDelivered) {
        this.listener = listener;
        this.last = resumedAfter.orElse(null);
        this.onDelivered = onDelivered;
    }

    @Override
    public void onTransaction(Transaction transaction) throws InterruptedException {
        taken(() -> listener.onTransaction(transaction));
        // null for a snapshot transaction: nowhere to resume until the snapshot is over
        last = transaction.endPosition();
        onDelivered.run();
    }

    @Override
    public void onTransactionPart(TransactionPart part) throws InterruptedException {
        taken(() -> listener.onTransactionPart(part));
        inParts = !part.last();
        if (part.last()) {
            last = part.endPosition();
        }
        onDelivered.run();
    }

    @Override
    public void onSchemaChange(SchemaChange change, SourcePosition end) throws InterruptedException {
        taken(() -> listener.onSchemaChange(change, end));
        last = end;
        onDelivered.run();
    }

    @Override
    public void onIdle(SourcePosition position) {
        try {
            taken(() -> listener.onIdle(position));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while passing on an idle position", e);
        }
        last = position;
        onDelivered.run();
    }

    /** Whether the listener threw: the pipeline failed, and no other engine must start whatever the cause says. */
    boolean listenerFailed() {
        return listenerFailed;
    }

    private interface Call {
        void run() throws InterruptedException;
    }

    private void taken(Call call) throws InterruptedException {
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            listenerFailed = true;
            throw e;
        }
    }

    /** Where another engine must start so that the listener gets nothing twice; empty when there is no such place. */
    Optional<SourcePosition> resumePosition() {
        return inParts ? Optional.empty() : Optional.ofNullable(last);
    }
}
