package dev.orderly.bench;

import java.util.Arrays;

/**
 * Takes, during the topic scan of a latency run, the broker's append time of every row committed in
 * the load's measured window (the earliest, should a row come twice), and turns them into latencies:
 * append time minus the row's commit time. Both are {@link System#currentTimeMillis} on the same
 * host, so they share one clock. Kept in a primitive array: the window holds hundreds of thousands of rows.
 */
final class LatencyRecorder implements TopicScan.RowVisitor {

    private static final long UNSEEN = Long.MIN_VALUE;

    private final FixedRateLoad.Committed committed;
    private final IdRange measured;
    private final long[] appendMillis;

    LatencyRecorder(FixedRateLoad.Committed committed) {
        this.committed = committed;
        this.measured = committed.measuredIds();
        this.appendMillis = new long[(int) measured.count()];
        Arrays.fill(appendMillis, UNSEEN);
    }

    @Override
    public void row(long id, long appendMillis) {
        if (measured.contains(id)) {
            int index = measured.index(id);
            if (this.appendMillis[index] == UNSEEN || appendMillis < this.appendMillis[index]) {
                this.appendMillis[index] = appendMillis;
            }
        }
    }

    /** The latency of every row of the window that was seen, in milliseconds, sorted. */
    long[] sortedLatencies() {
        long[] latencies = new long[appendMillis.length];
        int count = 0;
        for (int i = 0; i < appendMillis.length; i++) {
            if (appendMillis[i] != UNSEEN) {
                latencies[count++] = appendMillis[i] - committed.commitMillis(measured.first() + i);
            }
        }
        long[] seen = Arrays.copyOf(latencies, count);
        Arrays.sort(seen);
        return seen;
    }

    /**
     * Where the slow rows were: the {@code n} seconds of the measured window (counted from its first
     * commit) with the highest latency, each with that latency, worst first; e.g. {@code "s7 812 ms, s8 310 ms"}.
     */
    String worstSeconds(int n) {
        long start = committed.commitMillis(measured.first());
        java.util.Map<Long, Long> worst = new java.util.TreeMap<>();
        for (int i = 0; i < appendMillis.length; i++) {
            if (appendMillis[i] != UNSEEN) {
                long commit = committed.commitMillis(measured.first() + i);
                worst.merge((commit - start) / 1_000, appendMillis[i] - commit, Math::max);
            }
        }
        return worst.entrySet().stream().sorted(java.util.Map.Entry.<Long, Long>comparingByValue().reversed()).limit(n)
                .map(second -> "s" + second.getKey() + " " + second.getValue() + " ms").collect(java.util.stream.Collectors.joining(", "));
    }
}
