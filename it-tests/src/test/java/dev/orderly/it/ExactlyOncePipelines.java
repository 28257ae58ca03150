package dev.orderly.it;

import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.SinkSettings;

/** The exactly-once variant of a test pipeline, so that each test does not rebuild the settings by hand. */
final class ExactlyOncePipelines {

    /** An offsets topic of the tests' own, so that no test depends on the default name. */
    static final String OFFSETS_TOPIC = "orderly-offsets-it";

    private ExactlyOncePipelines() {
    }

    /**
     * {@code base} with {@code sink.delivery: exactly-once}, renamed to {@code name}: its own state
     * directory beside the base one, its own topic {@code <name>.changes} and transactional id.
     */
    static OrderlySettings exactlyOnce(OrderlySettings base, String name) {
        SinkSettings sink = base.sink();
        return new OrderlySettings(name, base.stateDirectory().resolveSibling(name), base.source(),
                new SinkSettings(sink.bootstrapServers(), name + ".changes", sink.partitions(), DeliveryMode.EXACTLY_ONCE, sink.producerProperties(),
                        sink.outageTimeout(), OFFSETS_TOPIC, sink.maxTransactionRecords()),
                base.partition(), base.format(), base.pluginDirectory());
    }
}
