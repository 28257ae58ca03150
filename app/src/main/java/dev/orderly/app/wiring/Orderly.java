package dev.orderly.app.wiring;

import com.google.inject.Guice;
import dev.orderly.adapter.config.YamlConfigLoader;
import dev.orderly.adapter.kafka.KafkaTopicReader;
import dev.orderly.adapter.kafka.ProducerSettingsGuard;
import dev.orderly.app.pipeline.Pipeline;
import dev.orderly.app.plugins.Providers;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.TopicReaderPort;
import dev.orderly.ports.config.ConfigContext;
import dev.orderly.ports.config.OrderlySettings;
import java.nio.file.Path;
import java.util.Map;

/** The entry points the command line and the demo use to get configured pipelines and readers. */
public final class Orderly {

    private Orderly() {
    }

    /** What the config loader must know: loaded rules and formats, and the sink's producer-settings check (D3). */
    public static ConfigContext configContext() {
        ClassLoader loader = Orderly.class.getClassLoader();
        return new ConfigContext(Providers.partitionRules(loader).asMap(), Providers.formats(loader).identifiers(),
                ProducerSettingsGuard::problems);
    }

    /** @throws dev.orderly.ports.config.InvalidConfigException listing every problem of the file */
    public static OrderlySettings loadSettings(Path file, Map<String, String> environment) {
        return new YamlConfigLoader().load(file, environment, configContext());
    }

    /** A pipeline wired to the real adapters; nothing connects before {@link Pipeline#start}, except the producer. */
    public static Pipeline pipeline(OrderlySettings settings) {
        return Guice.createInjector(new OrderlyModule(settings)).getInstance(Pipeline.class);
    }

    public static TopicReaderPort topicReader(String bootstrapServers) {
        return new KafkaTopicReader(bootstrapServers);
    }

    public static MessageFormatPort format(String identifier) {
        return Providers.formats(Orderly.class.getClassLoader()).get(identifier);
    }
}
