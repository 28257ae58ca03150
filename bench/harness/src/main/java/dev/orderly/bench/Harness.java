package dev.orderly.bench;

import static dev.orderly.bench.Figures.figure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness of issue 7, started by {@code bench/run}. For each backlog (small rows, then
 * about 4 KB rows): fresh servers, a checkpoint right before the backlog, the backlog, then every
 * contender once per repetition, interleaved (A B C … A B C …), each in a JVM of its own. On the
 * small rows' servers afterwards: the latency runs under a fixed-rate load ({@link LatencyRun}) and
 * one huge transaction drained with a small heap ({@link HugeTransaction}). Medians, the targets as
 * ratios and pass/fail, every run, written under the output directory as JSON and markdown.
 * Exit code 0 when every run was valid, 1 otherwise, 2 on bad usage.
 */
public final class Harness {

    private static final long STARTED = System.nanoTime();

    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String stamp = LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = options.workDirectory() != null ? options.workDirectory() : Files.createTempDirectory("orderly-bench-");
        Files.createDirectories(work);
        Path argumentFile = ChildJvm.writeArgumentFile(work.resolve("classpath.args"));
        Path quietLogging = writeQuietLogging(work.resolve("logback-quiet.xml"));
        Report report = new Report(options, setting(options, args));
        log("orderly benchmark harness: %s; contenders %s; work directory %s", options.workloads().stream().map(Workload::describe).toList(),
                options.contenders().stream().map(Contender::id).toList(), work);
        boolean allValid = true;
        for (Workload workload : options.workloads()) {
            log("backlog %s", workload.describe());
            try (WorkloadSession session = new WorkloadSession(options, workload, work.resolve(workload.name()), argumentFile, quietLogging)) {
                session.prepare();
                report.add(session.backlog());
                for (int repetition = 1; repetition <= options.repetitions(workload); repetition++) {
                    for (Contender contender : options.contenders()) {
                        Measurement measurement = session.run(contender, repetition, List.of());
                        report.add(measurement);
                        allValid &= measurement.valid();
                        log("  %-4s rep %d %-50s %9s rows/s (steady %9s) %9s rows/CPU-s  %s", workload.name(), repetition,
                                contender.label(options.partitions()), figure(measurement.rowsPerSecond()), figure(measurement.steadyRowsPerSecond()),
                                figure(measurement.rowsPerCpuSecond()), measurement.valid() ? "valid" : "INVALID: " + measurement.check());
                    }
                }
                if (options.jfr() && workload.name().equals("small")) {
                    Files.createDirectories(options.output());
                    Path recording = options.output().resolve("orderly-hash-" + stamp + ".jfr");
                    Measurement profiled = session.run(Contender.ORDERLY_HASH, 0,
                            List.of("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true"));
                    report.add(profiled);
                    log("  profiled run of orderly hash: %s rows/s, %s", figure(profiled.rowsPerSecond()), profiled.valid() ? "valid" : profiled.check());
                    String hot = JfrHotMethods.analyze(recording, 25);
                    Files.writeString(options.output().resolve("orderly-hash-" + stamp + "-hot-methods.txt"), hot);
                    System.out.println(hot);
                }
                if (workload.name().equals("small")) {
                    allValid &= runAfterBacklog(session, options, report);
                }
            }
        }
        report.write(options.output(), stamp);
        System.out.println(report.table());
        log("results: %s (and .json); total wall time %.1f min", options.output().resolve("results-" + stamp + ".md"),
                (System.nanoTime() - STARTED) / 60e9);
        if (!options.keepWork()) {
            dev.orderly.sandbox.FileTrees.deleteRecursively(work);
        }
        System.exit(allValid ? 0 : 1);
    }

    /** The latency runs, then the huge transaction, on the small backlog's servers; whether every run was valid. */
    private static boolean runAfterBacklog(WorkloadSession session, HarnessOptions options, Report report) {
        boolean allValid = true;
        if (!options.latencyContenders().isEmpty()) {
            LatencyResults latency = LatencyRun.phase(session, options,
                    report.median(session.workload().name(), Contender.ORDERLY_HASH, Report.Metric.STEADY_ROWS_PER_SECOND));
            report.add(latency);
            allValid = latency.allValid();
        }
        if (options.hugeRows() > 0) {
            HugeResults huge = HugeTransaction.phase(session, options);
            report.add(huge);
            allValid &= huge.allValid();
        }
        return allValid;
    }

    static void log(String format, Object... arguments) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, String.format(format, arguments));
        System.out.flush();
    }

    private static Map<String, String> setting(HarnessOptions options, String[] args) {
        Map<String, String> setting = new LinkedHashMap<>();
        setting.put("command", "bench/run" + (args.length == 0 ? "" : " " + String.join(" ", args)));
        setting.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
                + (((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 30) + " GB");
        setting.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        setting.put("contender JVM", "-Xmx" + options.heap() + " -XX:+UseG1GC, one JVM per run; CPU = utime + stime from /proc/<pid>/stat when done");
        setting.put("servers", "MySQL 8.0.15 (GTID on, ROW, FULL images) and Kafka 4.1.1 (KRaft, one node, own JVM), fresh per backlog, loopback");
        setting.put("partitions N", String.valueOf(options.partitions()));
        setting.put("repetitions", options.repetitions() + " on small rows, " + options.bigRepetitions() + " on large rows, interleaved");
        setting.put("after the small rows", (options.latencyContenders().isEmpty() ? "no latency runs" : "latency runs of "
                + options.latencyContenders().stream().map(Contender::id).toList()) + "; "
                + (options.hugeRows() > 0 ? String.format("one transaction of %,d rows drained with -Xmx%s", options.hugeRows(), options.hugeHeap())
                : "no huge transaction"));
        return setting;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** Logging for the engine alone, the producer and Kafka Connect: warnings only, as orderly logs its libraries. */
    private static Path writeQuietLogging(Path file) throws IOException {
        Files.writeString(file, String.join("\n",
                "<configuration>",
                "  <statusListener class=\"ch.qos.logback.core.status.NopStatusListener\"/>",
                "  <appender name=\"err\" class=\"ch.qos.logback.core.ConsoleAppender\"><target>System.err</target>",
                "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder></appender>",
                "  <logger name=\"dev.orderly\" level=\"INFO\"/>",
                "  <root level=\"WARN\"><appender-ref ref=\"err\"/></root>",
                "</configuration>", ""));
        return file;
    }
}
