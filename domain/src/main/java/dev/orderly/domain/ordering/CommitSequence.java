package dev.orderly.domain.ordering;

/**
 * The gap-free commit sequence: transactions are numbered 1, 2, 3... in commit order. It starts after
 * the last {@code seq} stored with the checkpoint, so it survives restarts. Not thread-safe: one
 * pipeline thread numbers transactions.
 */
public final class CommitSequence {

    private long last;

    /** @param lastCommitted the last seq of the checkpoint, 0 when there is none */
    public CommitSequence(long lastCommitted) {
        if (lastCommitted < 0) {
            throw new IllegalArgumentException("lastCommitted must be >= 0 but got " + lastCommitted);
        }
        this.last = lastCommitted;
    }

    public long next() {
        return ++last;
    }

    public long last() {
        return last;
    }
}
