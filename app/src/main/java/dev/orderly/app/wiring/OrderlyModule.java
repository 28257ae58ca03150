package dev.orderly.app.wiring;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.orderly.adapter.debezium.DebeziumSource;
import dev.orderly.adapter.debezium.JdbiTableMetadata;
import dev.orderly.adapter.kafka.KafkaSink;
import dev.orderly.adapter.kafka.TransactionalKafkaSink;
import dev.orderly.app.metrics.PipelineMetrics;
import dev.orderly.app.pipeline.Pipeline;
import dev.orderly.app.plugins.Providers;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.OffsetStorePort;
import dev.orderly.ports.SinkPort;
import dev.orderly.ports.SourcePort;
import dev.orderly.ports.TableMetadataPort;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.spi.PartitionRulePort;
import java.time.Duration;
import java.util.Map;

/** Binds every port of one pipeline to its adapter for the given settings. */
final class OrderlyModule extends AbstractModule {

    /** At-least-once: how often the checkpoint file is written; records are visible at once regardless. */
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** Exactly-once: how often a Kafka transaction commits, which is how late read_committed consumers see records. */
    private static final Duration TRANSACTION_INTERVAL = Duration.ofMillis(100);

    private final OrderlySettings settings;
    private final Map<String, PartitionRulePort> rules;
    private final PipelineMetrics metrics;

    /**
     * @param rules the loaded partition rules by identifier; loaded outside Guice so that a loading error reaches the caller unwrapped
     * @param metrics what the pipeline reports to; it also reads the sink's error and retry counts
     */
    OrderlyModule(OrderlySettings settings, Map<String, PartitionRulePort> rules, PipelineMetrics metrics) {
        this.settings = requireNonNull(settings, "settings is null");
        this.rules = Map.copyOf(rules);
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    protected void configure() {
        SecretLogFilter.hide(settings);
        bind(OrderlySettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    SourcePort source() {
        return new DebeziumSource(settings.source(), settings.name(), settings.stateDirectory());
    }

    @Provides
    @Singleton
    SinkPort sink() {
        return exactlyOnce() ? new TransactionalKafkaSink(settings.sink(), settings.name()) : new KafkaSink(settings.sink(), "orderly-" + settings.name());
    }

    private boolean exactlyOnce() {
        return settings.sink().delivery() == DeliveryMode.EXACTLY_ONCE;
    }

    @Provides
    @Singleton
    OffsetStorePort offsets() {
        return Orderly.offsetStore(settings);
    }

    @Provides
    @Singleton
    TableMetadataPort metadata() {
        return new JdbiTableMetadata(settings.source());
    }

    @Provides
    @Singleton
    Map<String, PartitionRulePort> rules() {
        return rules;
    }

    @Provides
    @Singleton
    MessageFormatPort format() {
        return Providers.formats(OrderlyModule.class.getClassLoader()).get(settings.format());
    }

    @Provides
    Pipeline pipeline(SourcePort source, SinkPort sink, OffsetStorePort offsets, TableMetadataPort metadata, Map<String, PartitionRulePort> rules,
                      MessageFormatPort format) {
        metrics.bindSink(sink::statistics);
        return new Pipeline(settings, source, sink, offsets, metadata, rules, format, exactlyOnce() ? TRANSACTION_INTERVAL : COMMIT_INTERVAL, metrics);
    }
}
