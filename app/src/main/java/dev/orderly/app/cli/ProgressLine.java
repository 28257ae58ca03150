package dev.orderly.app.cli;

import dev.orderly.app.metrics.PipelineMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The console progress line of {@code orderly run}: every interval, on standard output, the rates
 * since the last line, the source lag and position and the committed seq, e.g.
 * {@code progress: 1,234 changes/s, 56.0 tx/s, lag 0.4 s, at binlog.000003:1234, committed seq 9,876}.
 */
final class ProgressLine implements AutoCloseable {

    private final PipelineMetrics metrics;
    private final PrintStream out;
    private final ScheduledExecutorService timer;
    private PipelineMetrics.Snapshot last;
    private long lastNanos;

    private ProgressLine(PipelineMetrics metrics, PrintStream out) {
        this.metrics = metrics;
        this.out = out;
        this.last = metrics.snapshot();
        this.lastNanos = System.nanoTime();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orderly-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    static ProgressLine start(PipelineMetrics metrics, Duration interval, PrintStream out) {
        ProgressLine line = new ProgressLine(metrics, out);
        line.timer.scheduleAtFixedRate(line::print, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return line;
    }

    private synchronized void print() {
        PipelineMetrics.Snapshot now = metrics.snapshot();
        long nanos = System.nanoTime();
        out.println(line(last, now, (nanos - lastNanos) / 1e9));
        out.flush();
        last = now;
        lastNanos = nanos;
    }

    static String line(PipelineMetrics.Snapshot before, PipelineMetrics.Snapshot now, double seconds) {
        double changes = seconds <= 0 ? 0 : (now.changes() - before.changes()) / seconds;
        double transactions = seconds <= 0 ? 0 : (now.transactions() - before.transactions()) / seconds;
        return String.format(Locale.ROOT, "progress: %,.0f changes/s, %,.1f tx/s, lag %.1f s, at %s, committed seq %,d (%,d changes in all)",
                changes, transactions, now.lagSeconds(), now.sourcePosition(), now.committedSeq(), now.changes());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
