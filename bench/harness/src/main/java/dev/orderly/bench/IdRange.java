package dev.orderly.bench;

/**
 * The ids of {@code bench.orders} a phase writes, {@code first} to {@code last} inclusive: a backlog's
 * 1 to N, or the rows of a latency run or of the huge transaction, which follow every id used before.
 *
 * @param first the lowest id
 * @param last the highest id
 */
record IdRange(long first, long last) {

    IdRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("an id range needs 1 <= first <= last but got [" + first + ", " + last + "]");
        }
        if (last - first >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an id range holds at most " + Integer.MAX_VALUE + " ids but got [" + first + ", " + last + "]");
        }
    }

    /** The ids {@code first} to {@code first + count - 1}. */
    static IdRange of(long first, long count) {
        return new IdRange(first, first + count - 1);
    }

    long count() {
        return last - first + 1;
    }

    boolean contains(long id) {
        return id >= first && id <= last;
    }

    /** The position of {@code id} in the range, 0 for {@code first}; only for ids it {@link #contains}. */
    int index(long id) {
        return (int) (id - first);
    }

    @Override
    public String toString() {
        return "[" + first + ", " + last + "]";
    }
}
