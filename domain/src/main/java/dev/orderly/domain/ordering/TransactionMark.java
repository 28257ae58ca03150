package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

/**
 * Where a record stands in its transaction (O5, H4): the source transaction id, the commit sequence,
 * the record's index among the transaction's records and their count. A transaction too large to
 * hold in memory is streamed: its records carry {@link #UNKNOWN_COUNT} except the last, which
 * carries the real count, so a consumer still knows when it has all of them.
 */
public record TransactionMark(String id, long seq, int index, int count) {

    /** The count of a record of a streamed transaction before its last record. */
    public static final int UNKNOWN_COUNT = -1;

    public TransactionMark {
        requireNonNull(id, "id is null");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1 but got " + seq);
        }
        if (count < 1 && count != UNKNOWN_COUNT) {
            throw new IllegalArgumentException("count must be >= 1 (or " + UNKNOWN_COUNT + " while streaming) but got " + count);
        }
        if (index < 0 || (count != UNKNOWN_COUNT && index >= count)) {
            throw new IllegalArgumentException("index must be in [0, " + count + ") but got " + index);
        }
    }

    /** Whether this record carries the transaction's count: always, except before the last record of a streamed transaction. */
    public boolean countKnown() {
        return count != UNKNOWN_COUNT;
    }

    public boolean isLast() {
        return index == count - 1;
    }
}
