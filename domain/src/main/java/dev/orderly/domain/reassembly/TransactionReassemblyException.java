package dev.orderly.domain.reassembly;

/**
 * The records of a topic cannot be put back together as the ordering contract promises: a watermark
 * passed a transaction that is not whole, a seq is missing, records of one seq disagree, or the
 * records held back exceed the buffer limit. The message says what is wrong and gives the partitions
 * and offsets that prove it. The reassembler that threw it stays as it was before the failing call.
 */
public final class TransactionReassemblyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransactionReassemblyException(String message) {
        super(message);
    }
}
