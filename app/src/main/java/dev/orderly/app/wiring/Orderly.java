package dev.orderly.app.wiring;

import com.google.inject.Guice;
import dev.orderly.adapter.config.YamlConfigLoader;
import dev.orderly.adapter.kafka.KafkaOffsetStore;
import dev.orderly.adapter.kafka.KafkaTopicReader;
import dev.orderly.adapter.kafka.KafkaTransactionReader;
import dev.orderly.adapter.kafka.ProducerSettingsGuard;
import dev.orderly.app.metrics.PipelineMetrics;
import dev.orderly.app.pipeline.Pipeline;
import dev.orderly.app.plugins.PartitionRules;
import dev.orderly.app.plugins.PluginLoader;
import dev.orderly.app.plugins.Providers;
import dev.orderly.app.state.FileOffsetStore;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.OffsetStorePort;
import dev.orderly.ports.TopicReaderPort;
import dev.orderly.ports.TransactionStreamPort;
import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.config.ConfigContext;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry points the command line and the demo use to get configured pipelines and readers.
 *
 * <p>The plugin directory reaches the rules in two steps. {@link #loadSettings} first reads only the
 * file's top-level {@code plugin-directory} ({@link PluginDirectorySetting}), loads the rules from it
 * and validates the whole file against them; the settings it returns name that directory. Then
 * {@link #pipeline} loads the rules again from {@link OrderlySettings#pluginDirectory()}, the same
 * directory, for the pipeline to keep.
 */
public final class Orderly {

    private Orderly() {
    }

    /**
     * What the config loader must know: the rules loaded from the plugin directory (built-ins too),
     * the record formats, and the sink's producer-settings check (D3). The plugins' class loaders stay
     * open for the life of the process.
     *
     * @throws dev.orderly.app.plugins.PluginLoadingException when the rules cannot be loaded
     */
    public static ConfigContext configContext(Optional<Path> pluginDirectory) {
        return configContext(PluginLoader.forApplication().load(pluginDirectory));
    }

    /**
     * @throws dev.orderly.ports.config.InvalidConfigException listing every problem of the file
     * @throws dev.orderly.app.plugins.PluginLoadingException when the rules of its plugin directory cannot be loaded
     * @throws java.io.UncheckedIOException when the file does not exist or cannot be read
     */
    public static OrderlySettings loadSettings(Path file, Map<String, String> environment) {
        Optional<Path> pluginDirectory = PluginDirectorySetting.read(file);
        OrderlySettings settings;
        // These rules only validate the file; the pipeline loads its own from the settings.
        try (PartitionRules rules = PluginLoader.forApplication().load(pluginDirectory)) {
            settings = new YamlConfigLoader().load(file, environment, configContext(rules));
        }
        // From here on no log line shows the configuration's passwords, whoever logs it and at whatever level.
        SecretLogFilter.hide(settings);
        return withPluginDirectory(settings, pluginDirectory);
    }

    /**
     * A pipeline wired to the real adapters and to the rules of {@code settings.pluginDirectory()};
     * nothing connects before {@link Pipeline#start}, except the producer.
     *
     * @throws dev.orderly.app.plugins.PluginLoadingException when the rules cannot be loaded
     */
    public static Pipeline pipeline(OrderlySettings settings) {
        return pipeline(settings, new PipelineMetrics(new SimpleMeterRegistry()));
    }

    /**
     * A pipeline as {@link #pipeline(OrderlySettings)} that reports to {@code metrics}.
     *
     * @throws dev.orderly.app.plugins.PluginLoadingException when the rules cannot be loaded
     */
    public static Pipeline pipeline(OrderlySettings settings, PipelineMetrics metrics) {
        // Kept for the life of the process: the running pipeline calls into the plugins' classes.
        PartitionRules rules = PluginLoader.forApplication().load(settings.pluginDirectory());
        return Guice.createInjector(new OrderlyModule(settings, rules.asMap(), metrics)).getInstance(Pipeline.class);
    }

    /**
     * Where a pipeline's checkpoint lives: the state directory (at-least-once) or the compacted
     * offsets topic, read with {@code read_committed} (exactly-once). Tests and tools read the
     * committed position through it.
     */
    public static OffsetStorePort offsetStore(OrderlySettings settings) {
        return settings.sink().delivery() == DeliveryMode.EXACTLY_ONCE
                ? new KafkaOffsetStore(settings.sink(), settings.name())
                : new FileOffsetStore(settings.stateDirectory());
    }

    /**
     * {@code orderly check}: every preflight check against the real source database and Kafka broker of
     * {@code settings}, in a fixed order (source, tables, Kafka, checkpoint, producer). Never throws for
     * a failing check: a check that throws is reported as a failure quoting the exception. Changes
     * nothing: topic creation is only validated, nothing is written.
     */
    public static List<CheckResult> preflight(OrderlySettings settings) {
        return new Preflight(settings).run();
    }

    /**
     * The whole transactions of a {@code hash} topic in commit order, put back together from all its
     * partitions as the watermarks pass them (DESIGN.md §5).
     *
     * @param format the identifier of the format the topic is written in
     * @param maxBufferedRecords how many records may wait for the watermarks before the stream fails
     */
    public static TransactionStreamPort transactionStream(String bootstrapServers, String topic, String format, int maxBufferedRecords) {
        return new KafkaTransactionReader(bootstrapServers, topic, format(format), maxBufferedRecords);
    }

    public static TopicReaderPort topicReader(String bootstrapServers) {
        return new KafkaTopicReader(bootstrapServers);
    }

    public static MessageFormatPort format(String identifier) {
        return Providers.formats(Orderly.class.getClassLoader()).get(identifier);
    }

    private static ConfigContext configContext(PartitionRules rules) {
        return new ConfigContext(rules.asMap(), Providers.formats(Orderly.class.getClassLoader()).identifiers(), ProducerSettingsGuard::problems);
    }

    /**
     * The settings with the plugin directory whose rules validated them. A config loader that does
     * not read {@code plugin-directory} itself leaves it empty; one that does must agree with the
     * first pass.
     */
    private static OrderlySettings withPluginDirectory(OrderlySettings settings, Optional<Path> pluginDirectory) {
        Optional<Path> read = settings.pluginDirectory().map(path -> path.toAbsolutePath().normalize());
        if (read.isPresent() && !read.equals(pluginDirectory)) {
            throw new IllegalStateException("the configuration loader read plugin-directory as " + read.get() + " but its first pass as "
                    + pluginDirectory.map(Path::toString).orElse("(not set)") + "; both must resolve the key the same way");
        }
        return new OrderlySettings(settings.name(), settings.stateDirectory(), settings.source(), settings.sink(), settings.partition(),
                settings.format(), pluginDirectory, settings.watermarkInterval(), settings.monitoring());
    }
}
