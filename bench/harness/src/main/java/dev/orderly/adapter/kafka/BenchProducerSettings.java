package dev.orderly.adapter.kafka;

import dev.orderly.ports.config.SinkSettings;
import java.util.Map;

/**
 * The benchmark's window on orderly's producer settings. It sits in the adapter's package, in the
 * benchmark module only, to read the package-private {@link KafkaSink#producerSettings}: the sink
 * ceiling and the peer must produce exactly as orderly does. Production code never uses it.
 */
public final class BenchProducerSettings {

    private BenchProducerSettings() {
    }

    /** The settings orderly's at-least-once producer gets for {@code sink}. */
    public static Map<String, Object> of(SinkSettings sink, String clientId) {
        return KafkaSink.producerSettings(sink, clientId);
    }
}
