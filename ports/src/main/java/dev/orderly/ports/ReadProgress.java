package dev.orderly.ports;

/**
 * How far a read of a topic has come. Offsets count records, Kafka's transaction markers and
 * aborted records alike, so {@code offsetsRead} may run ahead of {@code records}.
 *
 * @param records the records handed over so far
 * @param offsetsRead how many offsets the read has passed, over all partitions
 * @param offsetsToRead how many offsets lie between the start and the end offsets, over all partitions
 */
public record ReadProgress(long records, long offsetsRead, long offsetsToRead) {

    public ReadProgress {
        if (records < 0 || offsetsRead < 0 || offsetsToRead < 0) {
            throw new IllegalArgumentException("records, offsetsRead and offsetsToRead must be >= 0 but got " + records + ", " + offsetsRead
                    + ", " + offsetsToRead);
        }
    }

    /** The share of the offsets read, from 0 to 1; 1 when there is nothing to read. */
    public double fractionRead() {
        return offsetsToRead == 0 ? 1 : Math.min(1, (double) offsetsRead / offsetsToRead);
    }
}
