package dev.orderly.ports;

/**
 * A sink's counts since it was created.
 *
 * @param errors record sends that failed for good
 * @param retries record sends that were retried (each retry counted)
 */
public record SinkStatistics(double errors, double retries) {

    /** A sink that counts nothing. */
    public static final SinkStatistics NONE = new SinkStatistics(0, 0);
}
