package dev.orderly.app.cli;

import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.config.OrderlySettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code orderly run --config FILE}: streams until stopped (SIGTERM or Ctrl-C stop it gracefully). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a pipeline from a configuration file until stopped.")
final class RunCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The configuration file (YAML).")
    Path config;

    @Override
    public Integer call() {
        OrderlySettings settings = Orderly.loadSettings(config, System.getenv());
        PipelineRun run = Orderly.pipeline(settings).start();
        Thread stopper = new Thread(run::stop, "orderly-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        run.awaitTermination();
        return ExitCodes.OK;
    }
}
