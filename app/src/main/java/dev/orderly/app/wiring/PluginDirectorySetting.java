package dev.orderly.app.wiring;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.InvalidConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the top-level {@code plugin-directory} key of a configuration file, and nothing else, before
 * the file is validated: validating {@code partition.mode} and the rules' options needs the rules,
 * and the plugin directory says where some of them are.
 *
 * <p>This first pass is lenient about everything but its key: a file that is not YAML, or whose top
 * level is not a map, gives "no plugin directory", and the full validation that follows reports
 * that file's problems with their position. The value itself is checked here: it must be a path
 * written literally, since environment references ({@code ${NAME}}) are resolved by the full
 * validation only, after the rules are needed. A relative path is resolved against the working
 * directory, as {@code state-directory} is.
 *
 * <p>A file that sets no plugin directory gets the default one, if any: the directory the system
 * property {@value #DEFAULT_DIRECTORY_PROPERTY} names, when it exists. The distribution's
 * {@code bin/orderly} sets it to its own {@code plugins/} directory, so a JAR dropped there is found
 * without configuration; a {@code plugin-directory} written in the file always wins. Stateless and
 * thread-safe.
 */
public final class PluginDirectorySetting {

    /** The top-level key naming the plugin directory. */
    public static final String KEY = "plugin-directory";

    /** The system property naming the plugin directory of a file that sets none; {@code bin/orderly} sets it. */
    public static final String DEFAULT_DIRECTORY_PROPERTY = "orderly.default-plugin-directory";

    private static final String ALLOWED = "a directory path written literally, absolute or relative to the directory orderly is started in";
    private static final YAMLMapper MAPPER = new YAMLMapper();

    private PluginDirectorySetting() {
    }

    /** {@link #read(Path, Path)} against the process's current directory. */
    public static Optional<Path> read(Path configFile) {
        return read(configFile, Path.of(""));
    }

    /**
     * @param configFile the configuration file
     * @param workingDirectory what a relative plugin directory is resolved against
     * @return the plugin directory, absolute and normalised; when the file does not set one, the
     *         {@linkplain #defaultDirectory() default directory}, if any
     * @throws UncheckedIOException when the file does not exist or cannot be read
     * @throws InvalidConfigException when {@code plugin-directory} is not a literal path
     */
    public static Optional<Path> read(Path configFile, Path workingDirectory) {
        requireNonNull(configFile, "configFile is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        JsonNode tree;
        try {
            tree = MAPPER.readTree(Files.readString(configFile));
        } catch (JsonProcessingException notYaml) {
            return defaultDirectory();
        } catch (NoSuchFileException missing) {
            throw new UncheckedIOException("Configuration file " + configFile + " does not exist", missing);
        } catch (IOException failure) {
            throw new UncheckedIOException("Configuration file " + configFile + " cannot be read: " + failure, failure);
        }
        if (tree == null || !tree.isObject() || !tree.has(KEY)) {
            return defaultDirectory();
        }
        JsonNode value = tree.get(KEY);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(configFile, value.isNull() ? "nothing" : value.isTextual() ? "\"" + value.asText() + "\"" : "'" + value + "'",
                    "write the directory's path, e.g. " + KEY + ": ./plugins, or remove the key to run with the built-in rules only");
        }
        String written = value.asText();
        if (written.contains("${")) {
            throw invalid(configFile, "\"" + written + "\"", "write the path itself: " + KEY
                    + " is read before the rest of the file, before environment references are resolved");
        }
        try {
            return Optional.of(workingDirectory.toAbsolutePath().resolve(written).normalize());
        } catch (InvalidPathException e) {
            throw invalid(configFile, "\"" + written + "\"", "write a path this system accepts: " + e.getReason());
        }
    }

    /**
     * The plugin directory of a configuration that names none: the directory the system property
     * {@value #DEFAULT_DIRECTORY_PROPERTY} names, absolute and normalised, if that property is set
     * and the directory exists; else empty (the built-in rules only). A missing default directory is
     * no error: nobody wrote it in a configuration file.
     */
    public static Optional<Path> defaultDirectory() {
        String property = System.getProperty(DEFAULT_DIRECTORY_PROPERTY);
        if (property == null || property.isBlank()) {
            return Optional.empty();
        }
        Path directory = Path.of(property).toAbsolutePath().normalize();
        return Files.isDirectory(directory) ? Optional.of(directory) : Optional.empty();
    }

    private static InvalidConfigException invalid(Path configFile, String found, String fix) {
        return new InvalidConfigException(configFile.toString(), List.of(new ConfigProblem(KEY, found, ALLOWED, fix)));
    }
}
