package dev.orderly.app.cli;

import static java.util.Objects.requireNonNull;

import dev.orderly.app.plugins.PluginLoadingException;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.config.InvalidConfigException;
import dev.orderly.ports.config.OrderlySettings;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orderly check --config FILE}: a preflight against the real source database and Kafka broker
 * before {@code orderly run}. Prints each check with PASS, INFO, WARN or FAIL, what it found and, for a
 * failure, the fix; exits 1 when any check fails. A configuration that does not load is a failed
 * {@code configuration} check with the message {@code run} would print. Changes nothing.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a configuration against the real source database and Kafka broker before running it: binlog on, binlog_format=ROW,"
                + " binlog_row_image=FULL, server_id, GTID mode, replication privileges, SELECT on every included table, each table's sharding"
                + " key under its rule, the topic (exists or can be created), the partition count against the checkpoint, and the producer"
                + " settings. Each check is printed with PASS, INFO, WARN or FAIL and, for a failure, the fix."},
        footer = {"", "Exit codes: 0 no check failed (warnings and information do not fail), 1 a check failed, 2 invalid usage."})
final class CheckCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The configuration file (YAML).")
    Path config;

    @Option(names = "--json", description = "Print one JSON document on standard output: the result, the counts and every check.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Function<OrderlySettings, List<CheckResult>> preflight;

    CheckCommand() {
        this(Orderly::preflight);
    }

    /** @param preflight runs the checks of loaded settings */
    CheckCommand(Function<OrderlySettings, List<CheckResult>> preflight) {
        this.preflight = requireNonNull(preflight, "preflight is null");
    }

    @Override
    public Integer call() {
        List<CheckResult> results = new ArrayList<>();
        try {
            OrderlySettings settings = Orderly.loadSettings(config, System.getenv());
            results.add(CheckResult.pass("configuration", config + ": pipeline " + settings.name() + ", " + settings.source().type().configValue()
                    + " at " + settings.source().host() + ":" + settings.source().port() + " to topic " + settings.sink().topic() + " at "
                    + settings.sink().bootstrapServers() + ", partition.mode " + settings.partition().mode() + ", delivery "
                    + settings.sink().delivery().configValue()));
            results.addAll(preflight.apply(settings));
        } catch (InvalidConfigException | PluginLoadingException | UncheckedIOException e) {
            results.add(CheckResult.failExplained("configuration", e.getMessage()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            CheckPrinter.json(out, results);
        } else {
            CheckPrinter.text(out, results);
        }
        return CheckPrinter.failed(results) ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
