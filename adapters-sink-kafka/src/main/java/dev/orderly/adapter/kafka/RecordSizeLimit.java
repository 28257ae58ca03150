package dev.orderly.adapter.kafka;

import dev.orderly.ports.config.SinkSettings;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The largest record a topic takes: the smaller of the topic's {@code max.message.bytes} (checked by
 * the broker against a whole batch) and the producer's {@code max.request.size}, less an allowance
 * for the framing of a batch that holds just this record (61 bytes of batch header, up to 21 of
 * record header, up to 10 of lengths per header). Sizes are uncompressed, so with compression the
 * limit errs on the safe side.
 */
final class RecordSizeLimit {

    static final int FRAMING_ALLOWANCE = 256;
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private RecordSizeLimit() {
    }

    /** The producer's {@code max.request.size}: the user's {@code sink.producer} setting, else Kafka's default. */
    static int maxRequestSize(SinkSettings settings) {
        String written = settings.producerProperties().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return written == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(written.trim());
    }

    static int of(int maxMessageBytes, int maxRequestSize) {
        return Math.max(0, Math.min(maxMessageBytes, maxRequestSize) - FRAMING_ALLOWANCE);
    }
}
