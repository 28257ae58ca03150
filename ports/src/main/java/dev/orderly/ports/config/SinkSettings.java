package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sink:} of the configuration.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic the topic every record goes to
 * @param partitions the partition count used when orderly creates the topic
 * @param delivery the delivery guarantee
 * @param producerProperties raw Kafka producer settings, given under {@code sink.producer}; checked
 *     by the sink against settings that could reorder (D3)
 * @param outageTimeout how long Kafka may fail to acknowledge before orderly stops with an error
 *     (its committed position intact); {@code sink.outage-timeout}
 * @param offsetsTopic the compacted topic that holds the checkpoint in exactly-once mode; {@code sink.offsets-topic}
 * @param maxTransactionRecords exactly-once: records per Kafka transaction beyond which a source
 *     transaction is split across Kafka transactions; {@code sink.max-transaction-records}
 * @param oversized what happens to a record larger than the topic accepts; {@code sink.oversized}
 * @param tls TLS to the brokers, empty for none; {@code sink.tls}
 * @param sasl authentication to the brokers by user name and password, empty for none; {@code sink.sasl}
 */
public record SinkSettings(String bootstrapServers, String topic, int partitions, DeliveryMode delivery, Map<String, String> producerProperties,
                           Duration outageTimeout, String offsetsTopic, int maxTransactionRecords, OversizedPolicy oversized,
                           Optional<KafkaTls> tls, Optional<KafkaSasl> sasl) {

    public static final Duration DEFAULT_OUTAGE_TIMEOUT = Duration.ofMinutes(2);
    public static final String DEFAULT_OFFSETS_TOPIC = "orderly-offsets";
    public static final int DEFAULT_MAX_TRANSACTION_RECORDS = 100_000;

    public SinkSettings {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(delivery, "delivery is null");
        producerProperties = Map.copyOf(producerProperties);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 but got " + partitions);
        }
        requireNonNull(outageTimeout, "outageTimeout is null");
        requireNonNull(offsetsTopic, "offsetsTopic is null");
        if (outageTimeout.isNegative() || outageTimeout.isZero()) {
            throw new IllegalArgumentException("outageTimeout must be positive but got " + outageTimeout);
        }
        if (maxTransactionRecords < 1) {
            throw new IllegalArgumentException("maxTransactionRecords must be >= 1 but got " + maxTransactionRecords);
        }
        requireNonNull(oversized, "oversized is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(sasl, "sasl is null");
    }

    /** Settings with neither TLS nor SASL: plaintext connections, no authentication. */
    public SinkSettings(String bootstrapServers, String topic, int partitions, DeliveryMode delivery, Map<String, String> producerProperties,
                        Duration outageTimeout, String offsetsTopic, int maxTransactionRecords, OversizedPolicy oversized) {
        this(bootstrapServers, topic, partitions, delivery, producerProperties, outageTimeout, offsetsTopic, maxTransactionRecords, oversized,
                Optional.empty(), Optional.empty());
    }

    /** Settings that fail on an oversized record. */
    public SinkSettings(String bootstrapServers, String topic, int partitions, DeliveryMode delivery, Map<String, String> producerProperties,
                        Duration outageTimeout, String offsetsTopic, int maxTransactionRecords) {
        this(bootstrapServers, topic, partitions, delivery, producerProperties, outageTimeout, offsetsTopic, maxTransactionRecords,
                OversizedPolicy.FAIL);
    }

    /** Settings with the defaults of the delivery options. */
    public SinkSettings(String bootstrapServers, String topic, int partitions, DeliveryMode delivery, Map<String, String> producerProperties) {
        this(bootstrapServers, topic, partitions, delivery, producerProperties, DEFAULT_OUTAGE_TIMEOUT, DEFAULT_OFFSETS_TOPIC,
                DEFAULT_MAX_TRANSACTION_RECORDS);
    }
}
