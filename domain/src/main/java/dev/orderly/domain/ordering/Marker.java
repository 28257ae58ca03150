package dev.orderly.domain.ordering;

import static java.util.Objects.requireNonNull;

/**
 * A control record written to every partition, not a change: consumers of every format can
 * recognise it (the {@code orderly.marker} header) and skip it.
 *
 * @param kind what the marker says
 * @param seq the commit sequence of the last transaction written (wholly, on every partition) before it
 * @param epoch the routing epoch that starts (for {@link Kind#EPOCH}) or is current
 * @param partitionCount the partition count records are routed with from here on
 */
public record Marker(Kind kind, long seq, long epoch, int partitionCount) {

    /** The kinds of markers. */
    public enum Kind {
        /** A new routing epoch starts: records after it are routed with {@code partitionCount} partitions (H8). */
        EPOCH,
        /**
         * H5: every transaction with a seq up to {@code seq} is completely written on every partition;
         * in this partition, every record of those transactions precedes the watermark.
         */
        WATERMARK;

        /** The name in headers and record values. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Marker {
        requireNonNull(kind, "kind is null");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0 but got " + seq);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0 but got " + epoch);
        }
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
    }

    public static Marker epoch(long seq, long epoch, int partitionCount) {
        return new Marker(Kind.EPOCH, seq, epoch, partitionCount);
    }

    public static Marker watermark(long seq, long epoch, int partitionCount) {
        return new Marker(Kind.WATERMARK, seq, epoch, partitionCount);
    }
}
