package dev.orderly.app.cli;

import dev.orderly.app.metrics.Health;
import dev.orderly.app.metrics.Monitoring;
import dev.orderly.app.pipeline.PipelineFailedException;
import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.config.OrderlySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code orderly run --config FILE}: streams until stopped. SIGTERM or Ctrl-C stop it gracefully
 * ({@link GracefulStop}): the source stops, Kafka acknowledges what was sent, the position is
 * committed and logged, and the process exits 0; a stop that takes longer than {@code --stop-timeout}
 * exits 1.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a pipeline from a configuration file until stopped.",
        footer = {"", "SIGTERM or Ctrl-C stop it gracefully: the source stops, Kafka acknowledges what was sent, the position is committed,"
                + " and orderly exits with code 0 (1 if that takes longer than --stop-timeout)."})
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The configuration file (YAML).")
    Path config;

    @Option(names = "--accept-repartition",
            description = "The topic's partition count differs from the checkpoint's on purpose: start a new routing epoch, marked in every partition (H8).")
    boolean acceptRepartition;

    @Option(names = "--stop-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long a graceful stop may take before orderly gives up with exit code 1 (default: ${DEFAULT-VALUE}).")
    long stopTimeoutSeconds;

    @Option(names = "--progress-interval", defaultValue = "10", paramLabel = "SECONDS",
            description = "How often the progress line (rate, lag, position) is printed on standard output (default: ${DEFAULT-VALUE}).")
    long progressIntervalSeconds;

    @Option(names = "--no-progress", description = "Print no progress line; the metrics endpoint and the logs still tell the progress.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (stopTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--stop-timeout must be at least 1 second but got " + stopTimeoutSeconds);
        }
        if (progressIntervalSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--progress-interval must be at least 1 second but got " + progressIntervalSeconds);
        }
        OrderlySettings settings = Orderly.loadSettings(config, System.getenv());
        try (Monitoring monitoring = Monitoring.start(settings.monitoring());
             ProgressLine progress = noProgress ? null : ProgressLine.start(monitoring.metrics(), Duration.ofSeconds(progressIntervalSeconds), System.out)) {
            return run(settings, monitoring);
        }
    }

    private int run(OrderlySettings settings, Monitoring monitoring) {
        GracefulStop gracefulStop = GracefulStop.onSignals(Duration.ofSeconds(stopTimeoutSeconds));
        PipelineRun run = Orderly.pipeline(settings, monitoring.metrics()).start(acceptRepartition);
        monitoring.reportHealth(() -> Health.of(run));
        // Any other way out of the JVM (System.exit elsewhere, a signal that was not taken over) still stops the pipeline.
        Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "orderly-shutdown"));
        gracefulStop.stopsOnRequest(run);
        try {
            // Returns once the source has stopped: after a signal, or on its own (throwing if it failed).
            run.awaitTermination();
        } finally {
            gracefulStop.awaitStopped();
        }
        run.failure().ifPresent(error -> {
            throw new PipelineFailedException("orderly stopped because of an error: " + error.getMessage()
                    + "; the last committed checkpoint is intact and a restart resumes from it", error);
        });
        LOG.info("orderly stopped gracefully ({}); the checkpoint is at seq {}", gracefulStop.describe(), run.progress().committedSeq());
        return ExitCodes.OK;
    }
}
