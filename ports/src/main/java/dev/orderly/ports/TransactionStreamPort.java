package dev.orderly.ports;

import dev.orderly.domain.reassembly.ReassembledTransaction;
import dev.orderly.domain.reassembly.TransactionReassemblyException;
import java.time.Duration;
import java.util.List;

/**
 * The whole transactions of a {@code hash} topic, in commit order: reads every partition from the
 * beginning, puts each transaction's records back together and hands a transaction out once every
 * partition's watermark has passed it (H5), schema changes (H6) among them. Records written again by an
 * at-least-once restart (D1) are dropped, so every seq comes out once.
 *
 * <p>Lifecycle: an implementation starts reading when it is created; call {@link #poll} as often as
 * wanted, then {@link #close}. Not thread-safe: use one instance from one thread.
 */
public interface TransactionStreamPort extends AutoCloseable {

    /**
     * Reads for up to {@code timeout} and returns the transactions that became whole, in strictly
     * increasing seq order, continuing from the previous call.
     *
     * @param timeout how long to wait for records at most; not {@code null}, not negative
     * @return never {@code null}; empty when nothing became whole in time
     * @throws TransactionReassemblyException when the topic breaks the ordering contract (a torn
     *     transaction, a missing seq) or more records wait for the watermarks than the configured limit;
     *     the message names the partitions and offsets that prove it. The whole transactions read before
     *     it are returned first, by the call before; every later call throws again.
     * @throws IllegalArgumentException when a record cannot be decoded; the message names its partition
     *     and offset. Handled like the failure above.
     * @throws IllegalStateException when the stream is closed
     */
    List<ReassembledTransaction> poll(Duration timeout);

    /** Stops reading and frees the connection; calling it again does nothing. */
    @Override
    void close();
}
