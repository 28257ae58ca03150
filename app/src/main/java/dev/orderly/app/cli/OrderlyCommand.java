package dev.orderly.app.cli;

import dev.orderly.app.pipeline.PipelineFailedException;
import dev.orderly.app.plugins.PluginLoadingException;
import dev.orderly.app.pipeline.PipelineStartException;
import dev.orderly.ports.config.InvalidConfigException;
import java.io.PrintWriter;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code orderly} command. */
@Command(name = "orderly", mixinStandardHelpOptions = true, version = "orderly 0.1.0",
        description = "Streams MySQL and MariaDB binlog changes into Kafka in the order you choose.",
        subcommands = {RunCommand.class, CheckCommand.class, VerifyCommand.class, PluginsCommand.class, DemoCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure or violations, 2 invalid usage, configuration or start-up refusal."})
public final class OrderlyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, check, verify, plugins or demo");
    }

    public static void main(String[] args) {
        // The binlog client logs through java.util.logging; send it through the one logging configuration.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; known errors are printed as one clear message, without a stack trace. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line with the given output streams and returns its exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new OrderlyCommand()).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof InvalidConfigException || exception instanceof PluginLoadingException
                    || exception instanceof PipelineStartException || exception instanceof java.io.UncheckedIOException) {
                line.getErr().println(exception.getMessage());
                return ExitCodes.INVALID;
            }
            if (exception instanceof PipelineFailedException) {
                line.getErr().println(exception.getMessage());
                return ExitCodes.FAILED;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }
}
