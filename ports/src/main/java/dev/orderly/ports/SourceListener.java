package dev.orderly.ports;

import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;

/** Receives what a {@link SourcePort} reads; called from the source's single thread. */
public interface SourceListener {

    /**
     * A whole committed transaction with at least one change of an included table.
     *
     * @throws InterruptedException when the pipeline is stopping
     */
    void onTransaction(Transaction transaction) throws InterruptedException;

    /**
     * A part of a transaction too large to hold in memory. The parts of one transaction arrive in
     * order, with nothing in between; the first has {@code first()}, the last {@code last()} and the
     * end position. A transaction is delivered either whole through {@link #onTransaction} or in parts.
     *
     * @throws InterruptedException when the pipeline is stopping
     */
    void onTransactionPart(TransactionPart part) throws InterruptedException;

    /**
     * A schema change (DDL) of captured tables, between two transactions, in commit order (H6).
     *
     * @param end where the source resumes after it
     * @throws InterruptedException when the pipeline is stopping
     */
    void onSchemaChange(SchemaChange change, SourcePosition end) throws InterruptedException;

    /**
     * The source is between transactions at {@code position} (a heartbeat): nothing is pending
     * there, so once earlier transactions are acknowledged the position may be committed. This is
     * what keeps an idle pipeline's checkpoint moving.
     */
    void onIdle(SourcePosition position);
}
