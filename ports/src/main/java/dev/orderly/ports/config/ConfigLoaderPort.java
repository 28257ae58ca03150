package dev.orderly.ports.config;

import java.nio.file.Path;
import java.util.Map;

/** Reads and validates a configuration file. Stateless and thread-safe. */
public interface ConfigLoaderPort {

    /**
     * @param file the YAML file
     * @param environment the variables {@code ${NAME}} may name
     * @param context the loaded rules and formats, and the sink's producer-settings check
     * @throws InvalidConfigException listing every problem found, in one pass
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    OrderlySettings load(Path file, Map<String, String> environment, ConfigContext context);
}
