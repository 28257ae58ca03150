package dev.orderly.ports;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.Transaction;

/** Receives what a {@link SourcePort} reads; called from the source's single thread. */
public interface SourceListener {

    /**
     * A whole committed transaction with at least one change of an included table.
     *
     * @throws InterruptedException when the pipeline is stopping
     */
    void onTransaction(Transaction transaction) throws InterruptedException;

    /**
     * The source is between transactions at {@code position} (a heartbeat): nothing is pending
     * there, so once earlier transactions are acknowledged the position may be committed. This is
     * what keeps an idle pipeline's checkpoint moving.
     */
    void onIdle(SourcePosition position);
}
