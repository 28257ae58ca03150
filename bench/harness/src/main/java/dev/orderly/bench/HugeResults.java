package dev.orderly.bench;

import static dev.orderly.bench.Figures.figure;
import static dev.orderly.bench.Figures.finite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The huge-transaction phase's figures for the report: per run the heap limit, rows/s and the highest
 * heap occupancy after a collection, and one pass/fail line: every run completed within the limit
 * and its output passed every check.
 *
 * @param rows rows of the transaction
 * @param heapLimit the runs' {@code -Xmx}
 * @param writeSeconds how long writing the transaction took; NaN if it was not written
 * @param runs one per contender that ran
 * @param failure why the phase stopped before its runs, empty when it did not
 * @param seconds how long the phase took
 * @param partitions N, for the contenders' labels
 */
record HugeResults(long rows, String heapLimit, double writeSeconds, List<HugeRun> runs, String failure, double seconds, int partitions) {

    HugeResults {
        runs = List.copyOf(runs);
    }

    boolean allValid() {
        return failure.isEmpty() && runs.size() == HugeTransaction.CONTENDERS.size() && runs.stream().allMatch(run -> run.measurement().valid());
    }

    String verdict() {
        return String.format("%,d-row transaction within -Xmx%s: %s", rows, heapLimit, allValid() ? "pass" : "fail");
    }

    String table() {
        StringBuilder text = new StringBuilder(String.format("%nOne transaction of %,d rows%n", rows));
        text.append(String.format("%-48s %6s %12s %14s %s%n", "contender", "heap", "rows/s", "peak after GC", "valid"));
        for (HugeRun run : runs) {
            Measurement m = run.measurement();
            text.append(String.format("%-48s %6s %12s %11s MB %s%n", m.contender().label(partitions), run.heapLimit(), figure(m.rowsPerSecond()),
                    figure(run.peakHeapAfterGcMegabytes()), m.valid() ? "yes" : "NO"));
        }
        return text.append(verdict()).append(failure.isEmpty() ? "" : " (" + failure + ")").append('\n').toString();
    }

    String markdown() {
        StringBuilder md = new StringBuilder(String.format("### One transaction of %,d rows within -Xmx%s%n%n", rows, heapLimit));
        md.append(String.format("A new seed checkpoint right before it, then one transaction (statements of 1,000 rows between BEGIN and COMMIT,"
                + " written in %.1f s), drained from that checkpoint by each contender in a JVM with `-Xmx%s -XX:+ExitOnOutOfMemoryError"
                + " -Xlog:gc`; done when the checkpoint covers the transaction. Peak heap = the highest occupancy a young or full collection left,"
                + " from the GC log (it includes old-generation garbage a young collection does not reach: an upper bound of what was live). Exactly-once, orderly may split the transaction into several Kafka transactions (`sink.max-transaction-records`)."
                + " The phase took %.0f s.%n%n", writeSeconds, heapLimit, seconds));
        md.append("| contender | heap limit | rows | rows/s | steady rows/s | peak heap after GC | valid |\n|---|---|---:|---:|---:|---:|---|\n");
        for (HugeRun run : runs) {
            Measurement m = run.measurement();
            md.append(String.format("| %s | %s | %,d | %s | %s | %s MB | %s |%n", m.contender().label(partitions), run.heapLimit(), m.rows(),
                    figure(m.rowsPerSecond()), figure(m.steadyRowsPerSecond()), figure(run.peakHeapAfterGcMegabytes()),
                    m.valid() ? "yes" : "**no**"));
        }
        md.append("\n**").append(verdict()).append("**").append(failure.isEmpty() ? "" : ": " + failure).append("\n\nChecks:\n\n");
        for (HugeRun run : runs) {
            md.append("- ").append(run.measurement().contender().id()).append(": ").append(run.measurement().check()).append('\n');
        }
        return md.append('\n').toString();
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", rows);
        json.put("heap_limit", heapLimit);
        json.put("write_seconds", finite(writeSeconds));
        json.put("phase_seconds", seconds);
        json.put("pass", allValid());
        json.put("failure", failure.isEmpty() ? null : failure);
        List<Object> entries = new ArrayList<>();
        for (HugeRun run : runs) {
            Measurement m = run.measurement();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("contender", m.contender().id());
            entry.put("label", m.contender().label(partitions));
            entry.put("heap_limit", run.heapLimit());
            entry.put("rows_per_second", finite(m.rowsPerSecond()));
            entry.put("steady_rows_per_second", finite(m.steadyRowsPerSecond()));
            entry.put("peak_heap_after_gc_mb", finite(run.peakHeapAfterGcMegabytes()));
            entry.put("valid", m.valid());
            entries.add(entry);
        }
        json.put("runs", entries);
        return json;
    }
}
