package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.config.ConfigContext;
import dev.orderly.ports.config.ConfigLoaderPort;
import dev.orderly.ports.config.InvalidConfigException;
import dev.orderly.ports.config.OrderlySettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code config.yaml}: parses it, substitutes environment references and validates every key
 * in one pass.
 *
 * <p>Each problem is collected with its key path, the value found (never a password: shown as
 * {@code ***}), what is allowed and how to fix it, and all of them are thrown together in one
 * {@link InvalidConfigException}. A file that is not valid YAML, is empty or whose top level is not a
 * map is one problem at the path {@code (file)}. A file that does not exist or cannot be read is not
 * a configuration problem: it throws {@link java.io.UncheckedIOException}.
 *
 * <p>Partition rules' {@code options:} are checked against the options each rule declares (given by
 * the {@link ConfigContext}) and kept parsed, with defaults filled in.
 *
 * <p>Secrets ({@code source.password}, {@code sink.sasl.password}, the TLS passwords) must be written
 * as {@code ${NAME}} or {@code ${file:PATH}}, never as themselves. A configuration file, or a file a
 * {@code ${file:}} reference reads, that other users may read or change is logged as a warning with
 * the {@code chmod} that fixes it; so is SASL without TLS.
 *
 * <p>Relative paths ({@code state-directory}, {@code plugin-directory}, the TLS stores, {@code ${file:}}) are resolved against the
 * working directory given at construction; {@code plugin-directory} must name an existing directory.
 * Stateless and thread-safe.
 */
public final class YamlConfigLoader implements ConfigLoaderPort {

    private static final Logger LOG = LoggerFactory.getLogger(YamlConfigLoader.class);

    private final Path workingDirectory;

    /** A loader that resolves relative paths against the process's current directory. */
    public YamlConfigLoader() {
        this(Path.of(""));
    }

    /** A loader that resolves relative paths against {@code workingDirectory}. */
    public YamlConfigLoader(Path workingDirectory) {
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null").toAbsolutePath();
    }

    @Override
    public OrderlySettings load(Path file, Map<String, String> environment, ConfigContext context) {
        requireNonNull(file, "file is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(context, "context is null");
        ProblemCollector problems = new ProblemCollector();
        EnvironmentSubstitution substitution = new EnvironmentSubstitution(environment, workingDirectory);
        ValueReader values = new ValueReader(problems, substitution);
        OrderlySettingsReader reader = new OrderlySettingsReader(context, workingDirectory);
        Optional<OrderlySettings> settings = YamlFileReader.read(file, problems, OrderlySettingsReader.topLevelAllowed())
                .flatMap(tree -> reader.read(tree, values));
        FilePermissions.warning(file, "Configuration file").ifPresent(LOG::warn);
        substitution.filesRead().forEach(secretFile -> FilePermissions.warning(secretFile, "Secret file").ifPresent(LOG::warn));
        problems.warnings().forEach(LOG::warn);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(file.toString(), problems.problems());
        }
        return settings.orElseThrow(() -> new IllegalStateException("no settings read from " + file + " yet no problem recorded"));
    }
}
