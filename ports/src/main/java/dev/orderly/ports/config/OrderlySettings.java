package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A whole, validated configuration.
 *
 * @param name the pipeline's name; names its state (checkpoint, schema history)
 * @param stateDirectory where the pipeline keeps its local state
 * @param source where changes come from
 * @param sink where records go
 * @param partition how records are placed
 * @param format the record format's identifier
 * @param pluginDirectory where drop-in plugin JARs are loaded from; empty for built-ins only
 * @param watermarkInterval how often a watermark goes to every partition (H5) when records spread over
 *     partitions; {@code watermark.interval}
 * @param monitoring the metrics and health endpoints; {@code monitoring}
 */
public record OrderlySettings(String name, Path stateDirectory, SourceSettings source, SinkSettings sink, PartitionSettings partition, String format,
                              Optional<Path> pluginDirectory, Duration watermarkInterval, MonitoringSettings monitoring) {

    public static final Duration DEFAULT_WATERMARK_INTERVAL = Duration.ofSeconds(1);

    public OrderlySettings {
        requireNonNull(name, "name is null");
        requireNonNull(stateDirectory, "stateDirectory is null");
        requireNonNull(source, "source is null");
        requireNonNull(sink, "sink is null");
        requireNonNull(partition, "partition is null");
        requireNonNull(format, "format is null");
        requireNonNull(pluginDirectory, "pluginDirectory is null");
        requireNonNull(watermarkInterval, "watermarkInterval is null");
        requireNonNull(monitoring, "monitoring is null");
        if (watermarkInterval.isNegative() || watermarkInterval.isZero()) {
            throw new IllegalArgumentException("watermarkInterval must be positive but got " + watermarkInterval);
        }
    }

    /** Settings with the default monitoring. */
    public OrderlySettings(String name, Path stateDirectory, SourceSettings source, SinkSettings sink, PartitionSettings partition, String format,
                           Optional<Path> pluginDirectory, Duration watermarkInterval) {
        this(name, stateDirectory, source, sink, partition, format, pluginDirectory, watermarkInterval, MonitoringSettings.DEFAULT);
    }

    /** Settings with the default watermark interval. */
    public OrderlySettings(String name, Path stateDirectory, SourceSettings source, SinkSettings sink, PartitionSettings partition, String format,
                           Optional<Path> pluginDirectory) {
        this(name, stateDirectory, source, sink, partition, format, pluginDirectory, DEFAULT_WATERMARK_INTERVAL);
    }

    /** Settings without a plugin directory. */
    public OrderlySettings(String name, Path stateDirectory, SourceSettings source, SinkSettings sink, PartitionSettings partition, String format) {
        this(name, stateDirectory, source, sink, partition, format, Optional.empty());
    }
}
