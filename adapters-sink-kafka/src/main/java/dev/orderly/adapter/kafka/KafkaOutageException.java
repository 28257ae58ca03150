package dev.orderly.adapter.kafka;

/**
 * Kafka did not acknowledge a record within {@code sink.outage-timeout}: the brokers were away, or
 * the partition had no leader, for that long. Nothing after the last acknowledged record counts as
 * written; the committed position stays where it was.
 */
public final class KafkaOutageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KafkaOutageException(String message, Throwable cause) {
        super(message, cause);
    }
}
