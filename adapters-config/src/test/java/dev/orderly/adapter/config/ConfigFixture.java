package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orderly.ports.config.ConfigContext;
import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.InvalidConfigException;
import dev.orderly.ports.config.OrderlySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/** Writes a configuration into a test's directory and loads it, the way the application would. */
final class ConfigFixture {

    static final String PASSWORD = "s3cret-Pa55";
    static final Map<String, String> ENVIRONMENT = Map.of("ORDERLY_SOURCE_PASSWORD", PASSWORD);

    /** A valid configuration with only the required keys; tests change one line of it at a time. */
    static final String VALID = """
            source:
              type: mysql
              host: 127.0.0.1
              user: cdc
              password: ${ORDERLY_SOURCE_PASSWORD}
              server-id: 5401
              include: [shop.orders, shop.customers]
            sink:
              bootstrap-servers: 127.0.0.1:9092
              topic: shop.changes
            partition:
              mode: hash
            """;

    private final Path directory;
    private final YamlConfigLoader loader;

    ConfigFixture(Path directory) {
        this.directory = directory;
        this.loader = new YamlConfigLoader(directory);
    }

    Path directory() {
        return directory;
    }

    /** Writes {@code config.yaml} readable by its owner only, as a configuration should be (others get a warning). */
    Path write(String yaml) {
        try {
            Path file = Files.writeString(directory.resolve("config.yaml"), yaml);
            return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OrderlySettings load(String yaml) {
        return load(yaml, ENVIRONMENT, TestingConfigContext.builtIns());
    }

    OrderlySettings load(String yaml, Map<String, String> environment, ConfigContext context) {
        return loader.load(write(yaml), environment, context);
    }

    OrderlySettings loadResource(String name) {
        return loadResource(name, TestingConfigContext.builtIns());
    }

    OrderlySettings loadResource(String name, ConfigContext context) {
        return loader.load(resource(name), ENVIRONMENT, context);
    }

    InvalidConfigException failure(String yaml) {
        return failure(yaml, ENVIRONMENT, TestingConfigContext.builtIns());
    }

    InvalidConfigException failure(String yaml, Map<String, String> environment, ConfigContext context) {
        Path file = write(yaml);
        InvalidConfigException exception = catchThrowableOfType(InvalidConfigException.class, () -> loader.load(file, environment, context));
        assertThat(exception).as("loading %s should fail", file).isNotNull();
        return exception;
    }

    List<ConfigProblem> problems(String yaml) {
        return failure(yaml).problems();
    }

    List<ConfigProblem> problems(String yaml, Map<String, String> environment) {
        return failure(yaml, environment, TestingConfigContext.builtIns()).problems();
    }

    static Path resource(String name) {
        try {
            return Path.of(ConfigFixture.class.getResource("/configs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
