package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * {@code sink:} of the configuration.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic the topic every record goes to
 * @param partitions the partition count used when orderly creates the topic
 * @param delivery the delivery guarantee
 * @param producerProperties raw Kafka producer settings, given under {@code sink.producer}; checked
 *     by the sink against settings that could reorder (D3)
 */
public record SinkSettings(String bootstrapServers, String topic, int partitions, DeliveryMode delivery, Map<String, String> producerProperties) {

    public SinkSettings {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(delivery, "delivery is null");
        producerProperties = Map.copyOf(producerProperties);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 but got " + partitions);
        }
    }
}
