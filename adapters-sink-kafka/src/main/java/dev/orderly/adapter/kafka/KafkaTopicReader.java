package dev.orderly.adapter.kafka;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.StoredRecord;
import dev.orderly.ports.TopicReaderPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic with a group-less {@code read_committed} consumer. */
public final class KafkaTopicReader implements TopicReaderPort {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;

    public KafkaTopicReader(String bootstrapServers) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
    }

    @Override
    public List<StoredRecord> readAll(String topic) {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist at " + bootstrapServers);
            }
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                    .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, TIMEOUT));
            Map<Integer, List<StoredRecord>> byPartition = new java.util.TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), TIMEOUT) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading topic " + topic + " did not reach the end offsets " + end + " within 5 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(toStored(record));
                }
            }
            List<StoredRecord> all = new ArrayList<>();
            byPartition.values().forEach(all::addAll);
            return all;
        }
    }

    private static StoredRecord toStored(ConsumerRecord<byte[], byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return new StoredRecord(record.partition(), record.offset(), record.key(), record.value(), headers);
    }
}
