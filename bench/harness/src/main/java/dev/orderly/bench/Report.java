package dev.orderly.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The figures of a harness run: per backlog and contender the medians of the valid runs, the five
 * targets of issue 7 as ratios with pass or fail, the latency runs and the huge transaction (when they
 * ran), every single run, and the setting. Printed as a table and written as JSON and markdown.
 */
final class Report {

    /** One target: {@code numerator / denominator >= minimum}, over medians. */
    record Target(String name, Contender numerator, Contender denominator, Metric metric, double minimum) {
    }

    enum Metric {
        ROWS_PER_SECOND("rows/s", Measurement::rowsPerSecond),
        STEADY_ROWS_PER_SECOND("steady rows/s", Measurement::steadyRowsPerSecond),
        ROWS_PER_CPU_SECOND("rows/CPU-s", Measurement::rowsPerCpuSecond);

        final String label;
        final ToDoubleFunction<Measurement> value;

        Metric(String label, ToDoubleFunction<Measurement> value) {
            this.label = label;
            this.value = value;
        }
    }

    static final List<Target> TARGETS = List.of(
            new Target("T_hash >= 0.90 x R_dbz", Contender.ORDERLY_HASH, Contender.DEBEZIUM, Metric.ROWS_PER_SECOND, 0.90),
            new Target("T_one >= 0.95 x T_hash", Contender.ORDERLY_ONE, Contender.ORDERLY_HASH, Metric.ROWS_PER_SECOND, 0.95),
            new Target("T_hash >= 1.25 x peer (N partitions)", Contender.ORDERLY_HASH, Contender.PEER_N, Metric.ROWS_PER_SECOND, 1.25),
            new Target("T_one >= 1.2 x peer (1 partition)", Contender.ORDERLY_ONE, Contender.PEER_ONE, Metric.ROWS_PER_SECOND, 1.2),
            new Target("rows/CPU-s hash >= 1.5 x peer (N)", Contender.ORDERLY_HASH, Contender.PEER_N, Metric.ROWS_PER_CPU_SECOND, 1.5),
            new Target("rows/CPU-s one >= 1.5 x peer (1)", Contender.ORDERLY_ONE, Contender.PEER_ONE, Metric.ROWS_PER_CPU_SECOND, 1.5),
            new Target("exactly-once: T_hash >= 0.90 x R_dbz", Contender.ORDERLY_HASH_EOS, Contender.DEBEZIUM, Metric.ROWS_PER_SECOND, 0.90),
            new Target("exactly-once: T_one >= 0.95 x T_hash", Contender.ORDERLY_ONE_EOS, Contender.ORDERLY_HASH_EOS, Metric.ROWS_PER_SECOND, 0.95),
            new Target("exactly-once: T_hash >= 1.25 x peer (N)", Contender.ORDERLY_HASH_EOS, Contender.PEER_N, Metric.ROWS_PER_SECOND, 1.25),
            new Target("exactly-once: T_one >= 1.2 x peer (1)", Contender.ORDERLY_ONE_EOS, Contender.PEER_ONE, Metric.ROWS_PER_SECOND, 1.2),
            new Target("exactly-once: rows/CPU-s hash >= 1.5 x peer (N)", Contender.ORDERLY_HASH_EOS, Contender.PEER_N, Metric.ROWS_PER_CPU_SECOND, 1.5),
            new Target("exactly-once: rows/CPU-s one >= 1.5 x peer (1)", Contender.ORDERLY_ONE_EOS, Contender.PEER_ONE, Metric.ROWS_PER_CPU_SECOND, 1.5));

    private final HarnessOptions options;
    private final Map<String, String> setting;
    private final List<Backlog> backlogs = new ArrayList<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Measurement> profiled = new ArrayList<>();
    private LatencyResults latency;
    private HugeResults huge;

    Report(HarnessOptions options, Map<String, String> setting) {
        this.options = options;
        this.setting = setting;
    }

    void add(Backlog backlog) {
        backlogs.add(backlog);
    }

    void add(Measurement measurement) {
        (measurement.repetition() == 0 ? profiled : measurements).add(measurement);
    }

    void add(LatencyResults results) {
        latency = results;
    }

    /** The huge transaction's figures; its runs also go to the list of every run. */
    void add(HugeResults results) {
        huge = results;
        results.runs().forEach(run -> add(run.measurement()));
    }

    /** The median of the valid runs of a contender on a backlog. */
    Optional<Double> median(String workload, Contender contender, Metric metric) {
        double[] values = measurements.stream().filter(m -> m.workload().equals(workload) && m.contender() == contender && m.valid())
                .mapToDouble(metric.value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Optional.empty();
        }
        int middle = values.length / 2;
        return Optional.of(values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2);
    }

    private long validRuns(String workload, Contender contender) {
        return measurements.stream().filter(m -> m.workload().equals(workload) && m.contender() == contender && m.valid()).count();
    }

    private long runs(String workload, Contender contender) {
        return measurements.stream().filter(m -> m.workload().equals(workload) && m.contender() == contender).count();
    }

    Optional<Double> ratio(String workload, Target target) {
        Optional<Double> numerator = median(workload, target.numerator(), target.metric());
        Optional<Double> denominator = median(workload, target.denominator(), target.metric());
        return numerator.isPresent() && denominator.isPresent() ? Optional.of(numerator.get() / denominator.get()) : Optional.empty();
    }

    String table() {
        StringBuilder text = new StringBuilder();
        for (Backlog backlog : backlogs) {
            String workload = backlog.workload().name();
            text.append(String.format("%nBacklog %s%n", backlog.workload().describe()));
            text.append(String.format("%-52s %5s %12s %14s %12s %10s%n", "contender", "valid", "rows/s", "steady rows/s", "rows/CPU-s", "CPU s"));
            for (Contender contender : options.contenders()) {
                text.append(String.format("%-52s %2d/%-2d %12s %14s %12s %10s%n", contender.label(options.partitions()), validRuns(workload, contender),
                        runs(workload, contender), figure(median(workload, contender, Metric.ROWS_PER_SECOND)),
                        figure(median(workload, contender, Metric.STEADY_ROWS_PER_SECOND)), figure(median(workload, contender, Metric.ROWS_PER_CPU_SECOND)),
                        cpu(workload, contender)));
            }
            text.append(String.format("%-52s %8s %8s %8s%n", "target (medians)", "ratio", "min", "result"));
            for (Target target : TARGETS) {
                Optional<Double> ratio = ratio(workload, target);
                text.append(String.format("%-52s %8s %8.2f %8s%n", target.name(), ratio.map(r -> String.format("%.3f", r)).orElse("n/a"), target.minimum(),
                        ratio.map(r -> r >= target.minimum() ? "pass" : "FAIL").orElse("n/a")));
            }
        }
        if (latency != null) {
            text.append(latency.table());
        }
        if (huge != null) {
            text.append(huge.table());
        }
        return text.toString();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        for (Backlog backlog : backlogs) {
            String workload = backlog.workload().name();
            md.append("### Backlog ").append(backlog.workload().describe()).append("\n\n");
            md.append("Binlog before `").append(backlog.before()).append("`, after `").append(backlog.after()).append("`.\n\n");
            md.append("| contender | valid runs | rows/s (median) | steady rows/s | rows per CPU-second | CPU s |\n|---|---|---:|---:|---:|---:|\n");
            for (Contender contender : options.contenders()) {
                md.append(String.format("| %s | %d/%d | %s | %s | %s | %s |%n", contender.label(options.partitions()), validRuns(workload, contender),
                        runs(workload, contender), figure(median(workload, contender, Metric.ROWS_PER_SECOND)),
                        figure(median(workload, contender, Metric.STEADY_ROWS_PER_SECOND)), figure(median(workload, contender, Metric.ROWS_PER_CPU_SECOND)),
                        cpu(workload, contender)));
            }
            md.append("\n| target (on medians) | ratio | minimum | result |\n|---|---:|---:|---|\n");
            for (Target target : TARGETS) {
                Optional<Double> ratio = ratio(workload, target);
                md.append(String.format("| %s | %s | %.2f | %s |%n", target.name(), ratio.map(r -> String.format("%.3f", r)).orElse("n/a"), target.minimum(),
                        ratio.map(r -> r >= target.minimum() ? "pass" : "**fail**").orElse("n/a")));
            }
            md.append("\n");
        }
        if (latency != null) {
            md.append(latency.markdown());
        }
        if (huge != null) {
            md.append(huge.markdown());
        }
        md.append("### Every run\n\n| backlog | rep | contender | s | steady s | CPU s | rows/s | rows/CPU-s | valid | checks |\n|---|---:|---|---:|---:|---:|---:|---:|---|---|\n");
        List<Measurement> all = new ArrayList<>(measurements);
        all.addAll(profiled);
        for (Measurement m : all) {
            md.append(String.format("| %s | %s | %s | %.1f | %.1f | %.1f | %s | %s | %s | %s |%n", m.workload(), m.repetition() == 0 ? "JFR" : m.repetition(),
                    m.contender().id(), m.seconds(), m.steadySeconds(), m.cpuSeconds(), figure(Optional.of(m.rowsPerSecond())),
                    figure(Optional.of(m.rowsPerCpuSecond())), m.valid() ? "yes" : "**no**", m.check().replace("|", "/")));
        }
        return md.toString();
    }

    void write(Path directory, String stamp) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("setting", setting);
        List<Object> workloads = new ArrayList<>();
        for (Backlog backlog : backlogs) {
            String workload = backlog.workload().name();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("workload", backlog.workload());
            entry.put("binlog_before", backlog.before().toString());
            entry.put("binlog_after", backlog.after().toString());
            entry.put("backlog_write_seconds", backlog.writeTime().toMillis() / 1e3);
            Map<String, Object> medians = new LinkedHashMap<>();
            for (Contender contender : options.contenders()) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("label", contender.label(options.partitions()));
                figures.put("valid_runs", validRuns(workload, contender));
                figures.put("runs", runs(workload, contender));
                for (Metric metric : Metric.values()) {
                    figures.put(metric.name().toLowerCase(), median(workload, contender, metric).orElse(null));
                }
                medians.put(contender.id(), figures);
            }
            entry.put("medians", medians);
            List<Object> targets = new ArrayList<>();
            for (Target target : TARGETS) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("target", target.name());
                t.put("ratio", ratio(workload, target).orElse(null));
                t.put("minimum", target.minimum());
                t.put("pass", ratio(workload, target).map(r -> r >= target.minimum()).orElse(null));
                targets.add(t);
            }
            entry.put("targets", targets);
            workloads.add(entry);
        }
        json.put("backlogs", workloads);
        json.put("latency", latency == null ? null : latency.json());
        json.put("huge_transaction", huge == null ? null : huge.json());
        List<Object> runs = new ArrayList<>();
        List<Measurement> all = new ArrayList<>(measurements);
        all.addAll(profiled);
        for (Measurement m : all) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("workload", m.workload());
            run.put("contender", m.contender().id());
            run.put("repetition", m.repetition());
            run.put("rows", m.rows());
            run.put("seconds", Figures.finite(m.seconds()));
            run.put("steady_seconds", Figures.finite(m.steadySeconds()));
            run.put("cpu_seconds", Figures.finite(m.cpuSeconds()));
            run.put("rows_per_second", Figures.finite(m.rowsPerSecond()));
            run.put("rows_per_cpu_second", Figures.finite(m.rowsPerCpuSecond()));
            run.put("valid", m.valid());
            run.put("check", m.check());
            run.put("log", m.log());
            runs.add(run);
        }
        json.put("runs", runs);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String jsonText = mapper.writeValueAsString(json);
        String markdownText = "## Harness run " + stamp + "\n\n" + settingMarkdown() + "\n" + markdown();
        Files.writeString(directory.resolve("results-" + stamp + ".json"), jsonText);
        Files.writeString(directory.resolve("results-" + stamp + ".md"), markdownText);
        Files.writeString(directory.resolve("results.json"), jsonText);
        Files.writeString(directory.resolve("results.md"), markdownText);
    }

    private String settingMarkdown() {
        StringBuilder md = new StringBuilder();
        setting.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        return md.toString();
    }

    private String cpu(String workload, Contender contender) {
        double[] values = measurements.stream().filter(m -> m.workload().equals(workload) && m.contender() == contender && m.valid())
                .mapToDouble(Measurement::cpuSeconds).sorted().toArray();
        return values.length == 0 ? "-" : String.format("%.1f", values[values.length / 2]);
    }

    private static String figure(Optional<Double> value) {
        return Figures.figure(value.orElse(Double.NaN));
    }
}
