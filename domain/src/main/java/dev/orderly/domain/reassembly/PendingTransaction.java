package dev.orderly.domain.reassembly;

import java.util.Optional;

/**
 * What the reassembler holds of one seq until the watermarks pass it. Not thread-safe.
 *
 * @param <T> the pieces it is made of: data records, or the copies of a schema change
 */
sealed interface PendingTransaction<T> permits PendingRows, PendingSchemaChange {

    long seq();

    /** Whether the same piece (same index, or a copy from the same partition) is held already: a replay. */
    boolean holds(T piece);

    /** @throws TransactionReassemblyException when {@code piece} contradicts the pieces held */
    void checkFits(T piece);

    void add(T piece);

    /** How many records it holds, for the buffer limit. */
    int size();

    /** {@code seq 7 (id 'gtid:7')}, for messages. */
    String describe();

    /** What keeps it from being whole, for example {@code index 3-5 of 9 missing}; empty when it is whole. */
    Optional<String> missing();

    /** Where the records it holds were read, for messages. */
    String positions();

    /** The whole transaction; only when {@link #missing()} is empty. */
    ReassembledTransaction reassembled();
}
