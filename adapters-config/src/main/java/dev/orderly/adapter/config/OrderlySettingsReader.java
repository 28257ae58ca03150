package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.ports.config.ConfigContext;
import dev.orderly.ports.config.MonitoringSettings;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the top level of the file and its sections into {@link OrderlySettings}. */
final class OrderlySettingsReader {

    static final String DEFAULT_NAME = "orderly";
    static final String DEFAULT_FORMAT = "json";
    static final String STATE_ROOT = ".orderly";
    static final int DEFAULT_PARTITIONS = 8;

    static final Key NAME = new Key("name",
            "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (default " + DEFAULT_NAME + ")", DEFAULT_NAME);
    static final Key STATE_DIRECTORY = new Key("state-directory",
            "a directory, absolute or relative to the current directory (default " + STATE_ROOT + "/<name>)", "./" + STATE_ROOT);
    static final Key PLUGIN_DIRECTORY = new Key("plugin-directory", "an existing directory of plugin JARs", "./plugins");
    static final Key SOURCE = ConfigSection.sectionKey("source", SourceSectionReader.KEYS, "type, host, user, password, server-id and include");
    static final Key SINK = ConfigSection.sectionKey("sink", SinkSectionReader.KEYS, "bootstrap-servers and topic");
    static final Key PARTITION = ConfigSection.sectionKey("partition", PartitionSectionReader.KEYS, "mode");
    static final Key FORMAT = new Key("format", "the identifier of a loaded record format (default " + DEFAULT_FORMAT + ")", DEFAULT_FORMAT);
    static final Duration MIN_WATERMARK_INTERVAL = Duration.ofMillis(10);
    static final Duration MAX_WATERMARK_INTERVAL = Duration.ofHours(1);
    static final Key WATERMARK_INTERVAL = new Key("interval",
            "a duration: a whole number and a unit (" + DurationText.UNITS + "), from " + DurationText.format(MIN_WATERMARK_INTERVAL) + " to "
                    + DurationText.format(MAX_WATERMARK_INTERVAL) + " (default " + DurationText.format(OrderlySettings.DEFAULT_WATERMARK_INTERVAL) + ")",
            DurationText.format(OrderlySettings.DEFAULT_WATERMARK_INTERVAL));
    static final List<Key> WATERMARK_KEYS = List.of(WATERMARK_INTERVAL);
    static final Key WATERMARK = ConfigSection.sectionKey("watermark", WATERMARK_KEYS, "interval");
    static final Key MONITORING = ConfigSection.sectionKey("monitoring", MonitoringSectionReader.KEYS, "http or jmx");
    static final List<Key> KEYS = List.of(NAME, STATE_DIRECTORY, PLUGIN_DIRECTORY, SOURCE, SINK, PARTITION, FORMAT, WATERMARK, MONITORING);

    private static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final ConfigContext context;
    private final Path workingDirectory;

    OrderlySettingsReader(ConfigContext context, Path workingDirectory) {
        this.context = requireNonNull(context, "context is null");
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
    }

    /** What the top level must be, for the problems of a file that is empty or not a map. */
    static String topLevelAllowed() {
        return ConfigSection.mapWithKeys(KEYS);
    }

    /**
     * Reads every key, recording each problem in {@code values}' collector.
     *
     * @return the settings, or empty when a value could not be read; the caller must still check the
     *     collector, since some problems (a repeated table, a refused producer setting) leave a value
     */
    Optional<OrderlySettings> read(ObjectNode tree, ValueReader values) {
        ConfigSection root = ConfigSection.root(tree, values, KEYS);
        Optional<String> name = root.optionalText(NAME, DEFAULT_NAME).flatMap(text -> name(root, text));
        Optional<Path> stateDirectory = stateDirectory(root, name);
        Optional<Optional<Path>> pluginDirectory = pluginDirectory(root);

        Optional<ConfigSection> sourceSection = root.requiredSection(SOURCE, SourceSectionReader.KEYS);
        Optional<SourceSectionReader.Result> sourceRead = sourceSection.map(SourceSectionReader::read);
        Optional<SourceSettings> source = sourceRead.flatMap(SourceSectionReader.Result::settings);
        Optional<List<TableId>> include = sourceRead.flatMap(SourceSectionReader.Result::include);

        // partition before sink: the default of sink.partitions depends on the tables' partition rules.
        Optional<PartitionSettings> partition = root.requiredSection(PARTITION, PartitionSectionReader.KEYS)
                .flatMap(section -> PartitionSectionReader.read(section, context.partitionRules(), include));
        int defaultPartitions = partition.isPresent() && include.isPresent() && onlyOnePartition(partition.get(), include.get())
                ? 1
                : DEFAULT_PARTITIONS;
        Optional<SinkSettings> sink = root.requiredSection(SINK, SinkSectionReader.KEYS)
                .flatMap(section -> SinkSectionReader.read(section, defaultPartitions, context.producerCheck()));

        Optional<String> format = root.optionalText(FORMAT, DEFAULT_FORMAT).flatMap(text -> format(root, text));
        Optional<Duration> watermarkInterval = root.isWritten(WATERMARK)
                ? root.requiredSection(WATERMARK, WATERMARK_KEYS).flatMap(section -> section.optionalDuration(WATERMARK_INTERVAL,
                        MIN_WATERMARK_INTERVAL, MAX_WATERMARK_INTERVAL, OrderlySettings.DEFAULT_WATERMARK_INTERVAL))
                : Optional.of(OrderlySettings.DEFAULT_WATERMARK_INTERVAL);
        Optional<MonitoringSettings> monitoring = root.isWritten(MONITORING)
                ? root.requiredSection(MONITORING, MonitoringSectionReader.KEYS).flatMap(MonitoringSectionReader::read)
                : Optional.of(MonitoringSettings.DEFAULT);
        if (Stream.of(name, stateDirectory, pluginDirectory, source, sink, partition, format, watermarkInterval, monitoring)
                .anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new OrderlySettings(name.get(), stateDirectory.get(), source.get(), sink.get(), partition.get(), format.get(),
                pluginDirectory.get(), watermarkInterval.get(), monitoring.get()));
    }

    /** Whether every included table follows one_partition, so that a topic of one partition loses nothing. */
    private static boolean onlyOnePartition(PartitionSettings partition, List<TableId> include) {
        return include.stream().allMatch(table -> partition.ruleFor(table).mode().equals(PartitionMode.ONE_PARTITION.identifier()));
    }

    private Optional<String> name(ConfigSection root, ScalarText text) {
        if (NAME_PATTERN.matcher(text.value()).matches()) {
            return Optional.of(text.value());
        }
        String suggestion = text.value().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        String fix = NAME_PATTERN.matcher(suggestion).matches()
                ? "rename it, e.g. name: " + suggestion
                : "rename it, e.g. name: " + DEFAULT_NAME;
        root.problems().add(root.pathOf(NAME.name()), text.found(), NAME.allowed(), fix);
        return Optional.empty();
    }

    /** The state directory, resolved against the working directory. */
    private Optional<Path> stateDirectory(ConfigSection root, Optional<String> name) {
        // With an invalid name this default is moot: the name's own problem already fails the load.
        Optional<ScalarText> text = root.optionalText(STATE_DIRECTORY, STATE_ROOT + "/" + name.orElse(DEFAULT_NAME));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(workingDirectory.resolve(text.get().value()).normalize());
        } catch (InvalidPathException invalid) {
            root.problems().add(root.pathOf(STATE_DIRECTORY.name()), text.get().found(), STATE_DIRECTORY.allowed(),
                    "write a path this system accepts: " + invalid.getReason());
            return Optional.empty();
        }
    }

    /**
     * The plugin directory, resolved against the working directory: empty inside when not written,
     * empty outside after a problem.
     */
    private Optional<Optional<Path>> pluginDirectory(ConfigSection root) {
        if (!root.isWritten(PLUGIN_DIRECTORY)) {
            return Optional.of(Optional.empty());
        }
        return root.requiredText(PLUGIN_DIRECTORY).flatMap(text -> existingDirectory(root, text)).map(Optional::of);
    }

    private Optional<Path> existingDirectory(ConfigSection root, ScalarText text) {
        String path = root.pathOf(PLUGIN_DIRECTORY.name());
        Path directory;
        try {
            directory = workingDirectory.resolve(text.value()).normalize();
        } catch (InvalidPathException invalid) {
            root.problems().add(path, text.found(), PLUGIN_DIRECTORY.allowed(), "write a path this system accepts: " + invalid.getReason());
            return Optional.empty();
        }
        if (Files.isDirectory(directory)) {
            return Optional.of(directory);
        }
        String fix = Files.exists(directory)
                ? directory + " is a file; name the directory that holds the plugin JARs instead"
                : "create " + directory + " and put the plugin JARs in it, or correct the path (a relative path is resolved against "
                        + workingDirectory + ")";
        root.problems().add(path, text.found(), PLUGIN_DIRECTORY.allowed(), fix);
        return Optional.empty();
    }

    private Optional<String> format(ConfigSection root, ScalarText text) {
        if (context.formats().contains(text.value())) {
            return Optional.of(text.value());
        }
        List<String> sorted = context.formats().stream().sorted().toList();
        root.problems().add(root.pathOf(FORMAT.name()), text.found(), "one of: " + String.join(", ", sorted),
                ClosestMatch.suggestion(text.value(), sorted, "write one of the loaded formats, or install the plugin that provides '" + text.value() + "'"));
        return Optional.empty();
    }
}
