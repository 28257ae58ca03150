package dev.orderly.bench;

import static dev.orderly.bench.Figures.figure;
import static dev.orderly.bench.Figures.finite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The latency phase's figures and how they were taken, for the report: one row per contender and the
 * two targets of issue 7 for orderly at half load (p50 at most 15 ms, p99 at most 50 ms).
 *
 * @param load the load every contender ran under
 * @param rateReason why the load has its rate
 * @param sharedSettings the delivery settings every contender shares, as read from their sources
 * @param runs one per contender, in the order they ran
 * @param seconds how long the phase took
 * @param partitions N, for the contenders' labels
 */
record LatencyResults(FixedRateLoad load, String rateReason, String sharedSettings, List<LatencyMeasurement> runs, double seconds, int partitions) {

    /** A latency target: the percentile of an orderly contender at most {@code maximumMillis}. */
    record Target(String name, ToDoubleFunction<LatencyMeasurement> value, double maximumMillis) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("p50 <= 15 ms", LatencyMeasurement::p50Millis, 15),
            new Target("p99 <= 50 ms", LatencyMeasurement::p99Millis, 50));

    static final String COMMIT_TIME = "commit time = the load generator's clock (System.currentTimeMillis) right after the auto-committed INSERT's"
            + " executeUpdate returned, the same for every row of the transaction; append time = the broker's LogAppendTime of the row's record"
            + " (same host, same clock); latency = append time - commit time over the rows committed in the measured window, nearest-rank"
            + " percentiles";

    LatencyResults {
        runs = List.copyOf(runs);
    }

    boolean allValid() {
        return runs.stream().allMatch(LatencyMeasurement::valid);
    }

    /** pass, fail or n/a (no valid run), for one orderly contender and one target. */
    String result(Contender contender, Target target) {
        Optional<LatencyMeasurement> run = runs.stream().filter(m -> m.contender() == contender && m.valid()).findFirst();
        if (run.isEmpty() || !Double.isFinite(target.value().applyAsDouble(run.get()))) {
            return "n/a";
        }
        String result = target.value().applyAsDouble(run.get()) <= target.maximumMillis() ? "pass" : "fail";
        return run.get().onSchedule() ? result : result + " (generator behind schedule)";
    }

    String table() {
        StringBuilder text = new StringBuilder(String.format("%nLatency, commit to Kafka append: %,d rows/s asked (%s), %d rows per transaction,"
                + " %d s warm-up + %d s measured; %s%n", load.rate(), rateReason, load.rowsPerTransaction(), load.warmupSeconds(), load.seconds(),
                sharedSettings));
        text.append(String.format("%-48s %9s %9s %9s %7s %7s %7s %7s %6s %s%n", "contender", "asked/s", "achieved", "rows", "p50 ms", "p99 ms",
                "p99.9", "max ms", "CPU s", "valid"));
        for (LatencyMeasurement run : runs) {
            text.append(String.format("%-48s %,9d %9s %,9d %7s %7s %7s %7s %6s %s%n", run.contender().label(partitions), run.askedRate(),
                    figure(run.achievedRate()) + (run.onSchedule() ? "" : "!"), run.rows(), figure(run.p50Millis()),
                    figure(run.p99Millis()), figure(run.p999Millis()), figure(run.maxMillis()), cpu(run.cpuSeconds()),
                    run.valid() ? "yes" : "NO"));
        }
        for (Target target : TARGETS) {
            for (Contender contender : orderlyContenders()) {
                text.append(String.format("target %-14s %-48s %s%n", target.name(), contender.label(partitions), result(contender, target)));
            }
        }
        return text.toString();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("### Latency: commit to Kafka append under a fixed-rate load\n\n");
        md.append(String.format("Load: %,d rows/s (%s), each transaction one multi-row INSERT of %d rows on one auto-commit connection, on a fixed"
                + " schedule (a late transaction is sent at once, none is skipped; the max lag is how late the latest one went); %d s of warm-up,"
                + " then %d s measured. Each contender starts at"
                + " the current end of the binlog (orderly without a checkpoint, the peer with `snapshot.mode=no_data` and a fresh offsets file)"
                + " and gets probe rows until it delivers; then the load starts. One run each. The phase took %.0f s.%n%n", load.rate(), rateReason,
                load.rowsPerTransaction(), load.warmupSeconds(), load.seconds(), seconds));
        md.append("How it is timed: ").append(COMMIT_TIME).append(".\n\n");
        md.append("Equal settings: ").append(sharedSettings).append(".\n\n");
        md.append("| contender | rate asked | achieved | on schedule | generator's max lag ms | rows measured | p50 ms | p99 ms | p99.9 ms | max ms"
                + " | CPU s | valid |\n|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (LatencyMeasurement run : runs) {
            md.append(String.format("| %s | %,d | %s | %s | %s | %,d | %s | %s | %s | %s | %s | %s |%n", run.contender().label(partitions),
                    run.askedRate(), figure(run.achievedRate()), run.onSchedule() ? "yes" : "**no**", figure(run.maxLagMillis()), run.rows(),
                    figure(run.p50Millis()),
                    figure(run.p99Millis()), figure(run.p999Millis()), figure(run.maxMillis()), cpu(run.cpuSeconds()),
                    run.valid() ? "yes" : "**no**"));
        }
        md.append("\n| target (orderly at half load) | contender | value | result |\n|---|---|---:|---|\n");
        for (Target target : TARGETS) {
            for (Contender contender : orderlyContenders()) {
                md.append(String.format("| %s | %s | %s ms | %s |%n", target.name(), contender.label(partitions), figure(valueOf(contender, target)),
                        emphasized(result(contender, target))));
            }
        }
        md.append("\nChecks:\n\n");
        for (LatencyMeasurement run : runs) {
            md.append("- ").append(run.contender().id()).append(": ").append(run.check()).append('\n');
        }
        return md.append('\n').toString();
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rate_asked", load.rate());
        json.put("rate_reason", rateReason);
        json.put("rows_per_transaction", load.rowsPerTransaction());
        json.put("warmup_seconds", load.warmupSeconds());
        json.put("measured_seconds", load.seconds());
        json.put("timing", COMMIT_TIME);
        json.put("shared_settings", sharedSettings);
        json.put("phase_seconds", seconds);
        List<Object> entries = new ArrayList<>();
        for (LatencyMeasurement run : runs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("contender", run.contender().id());
            entry.put("label", run.contender().label(partitions));
            entry.put("rate_asked", run.askedRate());
            entry.put("rate_achieved", finite(run.achievedRate()));
            entry.put("on_schedule", run.onSchedule());
            entry.put("max_lag_ms", finite(run.maxLagMillis()));
            entry.put("rows_measured", run.rows());
            entry.put("p50_ms", finite(run.p50Millis()));
            entry.put("p99_ms", finite(run.p99Millis()));
            entry.put("p999_ms", finite(run.p999Millis()));
            entry.put("max_ms", finite(run.maxMillis()));
            entry.put("cpu_seconds", finite(run.cpuSeconds()));
            entry.put("valid", run.valid());
            entry.put("check", run.check());
            entry.put("log", run.log());
            entries.add(entry);
        }
        json.put("runs", entries);
        List<Object> targets = new ArrayList<>();
        for (Target target : TARGETS) {
            for (Contender contender : orderlyContenders()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("target", target.name());
                entry.put("contender", contender.id());
                entry.put("value_ms", finite(valueOf(contender, target)));
                entry.put("maximum_ms", target.maximumMillis());
                entry.put("result", result(contender, target));
                targets.add(entry);
            }
        }
        json.put("targets", targets);
        return json;
    }

    private List<Contender> orderlyContenders() {
        return runs.stream().map(LatencyMeasurement::contender).filter(Contender::isOrderly).distinct().toList();
    }

    private double valueOf(Contender contender, Target target) {
        return runs.stream().filter(m -> m.contender() == contender && m.valid()).mapToDouble(target.value()).findFirst().orElse(Double.NaN);
    }

    private static String cpu(double seconds) {
        return Double.isFinite(seconds) ? String.format("%.1f", seconds) : "-";
    }

    private static String emphasized(String result) {
        return result.startsWith("fail") ? "**" + result + "**" : result;
    }
}
