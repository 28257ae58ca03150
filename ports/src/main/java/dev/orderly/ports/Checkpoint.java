package dev.orderly.ports;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.SourcePosition;

/**
 * A committed resume point: everything up to {@code position} is acknowledged by the sink.
 *
 * @param position where the source resumes
 * @param seq the commit sequence of the last transaction written, 0 before the first
 * @param partitionCount the topic's partition count the records were routed with (H8)
 * @param epoch the routing epoch: 0 at first, one more each time the partition count is changed with
 *     {@code --accept-repartition}
 */
public record Checkpoint(SourcePosition position, long seq, int partitionCount, long epoch) {

    public Checkpoint {
        requireNonNull(position, "position is null");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0 but got " + seq);
        }
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0 but got " + epoch);
        }
    }

    /** A checkpoint of the first epoch. */
    public Checkpoint(SourcePosition position, long seq, int partitionCount) {
        this(position, seq, partitionCount, 0);
    }
}
