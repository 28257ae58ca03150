package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.ports.config.SourceSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The benchmark's window on orderly's Debezium settings. It sits in the adapter's package, in the
 * benchmark module only, to read the package-private {@link DebeziumSource#engineProperties}: the
 * source ceiling and the peer must run the connector exactly as orderly does, and stay in step when
 * orderly's settings change. Production code never uses it.
 */
public final class BenchEngineProperties {

    private BenchEngineProperties() {
    }

    /**
     * The properties orderly gives its engine, with orderly's read-only offset store answering
     * {@code resumeAfter} (registered in this JVM), and the schema history in
     * {@code stateDirectory/schema-history.dat}: an engine built with them starts where orderly would.
     */
    public static Properties resumingAfter(SourceSettings settings, String name, Path stateDirectory, Optional<SourcePosition> resumeAfter) {
        String registryKey = UUID.randomUUID().toString();
        CheckpointOffsetStore.register(registryKey, resumeAfter);
        return new DebeziumSource(settings, name, stateDirectory).engineProperties(stateDirectory.resolve("schema-history.dat"), registryKey, false);
    }

    /**
     * The same connector properties for a Kafka Connect worker: without orderly's offset store and the
     * engine's own keys ({@code name}, {@code offset.*}), the schema history in {@code history}.
     */
    public static Properties forConnect(SourceSettings settings, String name, Path history) {
        Properties properties = new DebeziumSource(settings, name, history.getParent()).engineProperties(history, "unused", false);
        properties.remove("name");
        properties.remove("offset.storage");
        properties.remove("offset.flush.interval.ms");
        properties.remove(CheckpointOffsetStore.REGISTRY_KEY);
        return properties;
    }
}
