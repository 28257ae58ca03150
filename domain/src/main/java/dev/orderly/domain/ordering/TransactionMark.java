package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

/**
 * Where a record stands in its transaction (O5, H4): the source transaction id, the commit sequence,
 * the record's index among the transaction's records and their count.
 */
public record TransactionMark(String id, long seq, int index, int count) {

    public TransactionMark {
        requireNonNull(id, "id is null");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1 but got " + seq);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1 but got " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("index must be in [0, " + count + ") but got " + index);
        }
    }

    public boolean isLast() {
        return index == count - 1;
    }
}
