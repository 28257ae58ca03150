package dev.orderly.bench;

/**
 * One contender's latency run: the load it ran under and the commit-to-append latency of the rows of
 * the measured window, in milliseconds (nearest-rank percentiles).
 *
 * @param contender what ran
 * @param askedRate rows a second the load was asked for
 * @param achievedRate rows a second the generator achieved over the measured window; NaN when the load did not run
 * @param onSchedule whether the generator achieved at least {@link FixedRateLoad#ON_SCHEDULE} of the asked rate
 * @param maxLagMillis how late the latest transaction of the window was sent after its due time
 * @param rows rows of the measured window that were timed
 * @param p50Millis median latency; NaN when no row was timed
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param maxMillis the highest latency
 * @param cpuSeconds the contender JVM's user + system CPU time when it was told to stop (start, probe, load)
 * @param valid whether the run completed and its output passed every check
 * @param check what the checks found (or why the run failed)
 * @param log the contender's log file
 */
record LatencyMeasurement(Contender contender, int askedRate, double achievedRate, boolean onSchedule, double maxLagMillis, long rows,
                          double p50Millis, double p99Millis, double p999Millis, double maxMillis, double cpuSeconds, boolean valid, String check, String log) {

    static LatencyMeasurement failed(Contender contender, int askedRate, String why, String log) {
        return new LatencyMeasurement(contender, askedRate, Double.NaN, false, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                false, why, log);
    }

    /** @param sortedLatencies the window's latencies, ascending */
    static LatencyMeasurement of(Contender contender, FixedRateLoad.Committed committed, long[] sortedLatencies, double cpuSeconds, boolean valid,
            String check, String log) {
        String schedule = committed.onSchedule() ? "" : String.format("; the generator fell behind: %,.0f rows/s of %,d asked (below %.0f %%)",
                committed.achievedRate(), committed.load().rate(), FixedRateLoad.ON_SCHEDULE * 100);
        return new LatencyMeasurement(contender, committed.load().rate(), committed.achievedRate(), committed.onSchedule(), committed.maxLagMillis(),
                sortedLatencies.length, percentile(sortedLatencies, 0.50), percentile(sortedLatencies, 0.99), percentile(sortedLatencies, 0.999),
                percentile(sortedLatencies, 1.0), cpuSeconds, valid, check + schedule, log);
    }

    /** The nearest-rank percentile: the value of rank ceil(quantile x n) among the n ascending values. */
    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
