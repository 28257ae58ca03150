package dev.orderly.adapter.kafka;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.ReadProgress;
import dev.orderly.ports.StoredRecord;
import dev.orderly.ports.TopicExtent;
import dev.orderly.ports.TopicReaderPort;
import dev.orderly.ports.TopicUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic with a group-less {@code read_committed} consumer assigned every partition, up to the
 * end offsets (the last stable offsets) taken when the read starts. A read that makes no progress for
 * {@link #STALL_TIMEOUT} fails rather than hang.
 */
public final class KafkaTopicReader implements TopicReaderPort {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;

    public KafkaTopicReader(String bootstrapServers) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
    }

    @Override
    public TopicExtent read(String topic, Map<Integer, Long> startOffsets, Consumer<StoredRecord> records, Consumer<ReadProgress> progress) {
        requireNonNull(topic, "topic is null");
        requireNonNull(startOffsets, "startOffsets is null");
        requireNonNull(records, "records is null");
        requireNonNull(progress, "progress is null");
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // A start offset retention has deleted starts at the partition's beginning, never silently at its end.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            SortedMap<Integer, Long> start = startOffsets(topic, partitions, startOffsets, beginning, end);
            partitions.forEach(partition -> consumer.seek(partition, start.get(partition.partition())));
            long offsetsToRead = partitions.stream().mapToLong(partition -> end.get(partition) - start.get(partition.partition())).sum();
            long read = readUntilEnd(consumer, topic, start, end, records, progress, offsetsToRead);
            SortedMap<Integer, Long> endByNumber = new TreeMap<>();
            end.forEach((partition, offset) -> endByNumber.put(partition.partition(), offset));
            return new TopicExtent(topic, partitions.size(), start, endByNumber, read);
        } catch (KafkaException e) {
            throw new TopicUnavailableException("cannot read topic " + topic + " from " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, TIMEOUT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TopicUnavailableException("cannot reach Kafka at " + bootstrapServers + " within " + TIMEOUT.toSeconds()
                    + " s to read topic " + topic + "; check --bootstrap-servers and that the brokers run", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new TopicUnavailableException("topic " + topic + " does not exist at " + bootstrapServers);
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private static SortedMap<Integer, Long> startOffsets(String topic, List<TopicPartition> partitions, Map<Integer, Long> requested,
                                                         Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {
        Set<Integer> unknown = new TreeSet<>(requested.keySet());
        partitions.forEach(partition -> unknown.remove(partition.partition()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("start offsets name partition(s) " + unknown + " but topic " + topic + " has partitions 0 to "
                    + (partitions.size() - 1));
        }
        SortedMap<Integer, Long> start = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            long first = beginning.get(partition);
            long last = end.get(partition);
            Long wanted = requested.get(partition.partition());
            if (wanted != null && (wanted < 0 || wanted > last)) {
                throw new IllegalArgumentException("start offset " + wanted + " of partition " + partition.partition() + " of topic " + topic
                        + " is outside its offsets " + first + " to " + last + "; give an offset in that range");
            }
            start.put(partition.partition(), wanted == null ? first : Math.max(first, wanted));
        }
        return start;
    }

    /** @return how many records were handed over */
    private static long readUntilEnd(KafkaConsumer<byte[], byte[]> consumer, String topic, SortedMap<Integer, Long> start,
                                     Map<TopicPartition, Long> end, Consumer<StoredRecord> records, Consumer<ReadProgress> progress,
                                     long offsetsToRead) {
        Set<TopicPartition> remaining = new HashSet<>();
        end.forEach((partition, offset) -> {
            if (start.get(partition.partition()) < offset) {
                remaining.add(partition);
            }
        });
        consumer.pause(difference(end.keySet(), remaining));
        long read = 0;
        long offsetsRead = 0;
        long lastProgress = System.nanoTime();
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                // The end offsets were taken when the read started; what was written since is not read.
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.accept(toStored(record));
                    read++;
                }
            }
            long passed = 0;
            List<TopicPartition> finished = new ArrayList<>();
            for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
                long position = Math.min(consumer.position(entry.getKey(), TIMEOUT), entry.getValue());
                passed += position - start.get(entry.getKey().partition());
                if (position >= entry.getValue() && remaining.contains(entry.getKey())) {
                    finished.add(entry.getKey());
                }
            }
            remaining.removeAll(finished);
            consumer.pause(finished);
            if (passed > offsetsRead) {
                offsetsRead = passed;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                throw new TopicUnavailableException("reading topic " + topic + " made no progress for " + STALL_TIMEOUT.toMinutes()
                        + " minutes; partitions not yet at their end offsets: " + remaining);
            }
            progress.accept(new ReadProgress(read, offsetsRead, offsetsToRead));
        }
        return read;
    }

    private static Set<TopicPartition> difference(Set<TopicPartition> all, Set<TopicPartition> removed) {
        Set<TopicPartition> result = new HashSet<>(all);
        result.removeAll(removed);
        return result;
    }

    /** The record with its headers as a map; a repeated header name keeps its last value. Shared by the readers of this package. */
    static StoredRecord toStored(ConsumerRecord<byte[], byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return new StoredRecord(record.partition(), record.offset(), record.key(), record.value(), headers);
    }
}
