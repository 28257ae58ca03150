package dev.orderly.app.cli;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ModeReport;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.app.demo.ScenarioReport;
import dev.orderly.domain.verify.Violation;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.FileTrees;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orderly demo}: starts an embedded MariaDB 11.4 and Kafka broker, streams a concurrent
 * workload once per mode, verifies every topic, reassembles the hash topic and compares it with the
 * one_partition topic, and prints a report. Exit 0 only with no violation and equal topics.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Stream a concurrent sample workload from an embedded MariaDB into an embedded Kafka in both modes and verify the order.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--writers", defaultValue = "8", description = "Concurrent writers (default: ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--changes", defaultValue = "20000", description = "Committed row changes to write (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--partitions", defaultValue = "8", description = "Partitions of the hash topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the workload (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("orderly-demo-");
        out.println("orderly demo: starting an embedded MariaDB 11.4 and a Kafka broker (KRaft) in " + work);
        out.flush();
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"));
             EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(work.resolve("mariadb"))) {
            out.printf("servers up in %.1f s; streaming %d changes from %d writers in modes one_partition and hash (%d partitions)%n",
                    seconds(started), changes, writers, partitions);
            out.flush();
            ScenarioOptions options = new ScenarioOptions("shop", writers, changes, seed, partitions, List.of("one_partition", "hash"), work.resolve("state"));
            ScenarioReport report = new DemoScenario(mariaDb, kafka.bootstrapServers(), options).run();
            print(out, report);
            return report.clean() ? ExitCodes.OK : ExitCodes.FAILED;
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    private static void print(PrintWriter out, ScenarioReport report) {
        var workload = report.workload();
        out.printf("%nworkload: %,d changes in %,d transactions (%,d rolled back on purpose, %,d conflicts retried) in %.1f s%n",
                workload.changes(), workload.transactions(), workload.rolledBack(), workload.conflicts(), workload.elapsed().toMillis() / 1000.0);
        out.printf("%n%-14s %-28s %10s %9s %12s %10s %11s %s%n", "mode", "topic", "partitions", "records", "transactions", "rows/s", "violations", "replay");
        for (ModeReport mode : report.modes()) {
            double rowsPerSecond = workload.changes() / Math.max(0.001, mode.catchUpMillis() / 1000.0);
            out.printf("%-14s %-28s %10s %,9d %,12d %,10.0f %,11d %s%n", mode.mode(), mode.topic(),
                    mode.verification().partitionsUsed().size() + "/" + mode.partitionCount(), mode.verification().records(),
                    mode.verification().transactions(), rowsPerSecond, mode.verification().violations().size(),
                    mode.replayProblems().isEmpty() ? "equal to source" : mode.replayProblems().size() + " differences");
        }
        for (ModeReport mode : report.modes()) {
            List<Violation> violations = mode.verification().violations();
            violations.stream().limit(10).forEach(violation -> out.println("  " + mode.mode() + " " + violation));
            mode.replayProblems().stream().limit(10).forEach(problem -> out.println("  " + mode.mode() + " replay: " + problem));
        }
        report.reassembly().ifPresent(check -> out.printf("%nhash topic reassembled from its partitions by the watermarks: %,d whole transactions, %s%n",
                check.transactions(), check.difference().map(difference -> "DIFFERENT from the one_partition topic: " + difference)
                        .orElse("equal to the one_partition topic transaction by transaction")));
        out.println();
        out.println("rows/s: changes divided by the time from the workload's start until Kafka acknowledged the last of them.");
        out.println(report.clean() ? "result: PASS - 0 violations, replay equals the source tables" : "result: FAIL - see the violations above");
        out.flush();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
