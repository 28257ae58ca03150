package dev.orderly.app.cli;

import dev.orderly.app.demo.ModeReport;
import dev.orderly.app.demo.ScenarioReport;
import dev.orderly.domain.verify.Violation;
import java.io.PrintWriter;
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
        if (!embeddedServersPresent()) {
            spec.commandLine().getErr().println("orderly demo: demo needs the embedded servers of a source checkout: run ./orderly demo there."
                    + " This distribution leaves out the embedded MariaDB and Kafka (the sandbox module) to stay small.");
            return ExitCodes.INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        ScenarioReport report = EmbeddedDemo.run(out, writers, changes, partitions, seed, finished -> print(out, finished));
        return report.clean() ? ExitCodes.OK : ExitCodes.FAILED;
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

    /**
     * Whether the sandbox module is on the class path: a source checkout has it, the distribution
     * leaves it out. Asked by name: this class names no sandbox type (those are in {@link EmbeddedDemo}),
     * so that it still loads without the sandbox and picocli can list it.
     */
    private static boolean embeddedServersPresent() {
        try {
            Class.forName("dev.orderly.sandbox.EmbeddedKafka", false, DemoCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
