package dev.orderly.adapter.kafka;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.CheckpointText;
import dev.orderly.ports.OffsetStorePort;
import dev.orderly.ports.config.SinkSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The checkpoint of the exactly-once mode, kept in a compacted topic under the pipeline's name and
 * read back with {@code read_committed}, so only checkpoints whose Kafka transaction committed count.
 * Commits go through {@link TransactionalKafkaSink#commit}, in the same transaction as the records.
 */
public final class KafkaOffsetStore implements OffsetStorePort {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SinkSettings sink;
    private final String topic;
    private final String pipeline;

    /**
     * The checkpoints of a pipeline in the sink's offsets topic ({@code sink.offsets-topic}), read
     * with the sink's TLS and SASL settings.
     *
     * @param pipeline the pipeline's name, the key of its checkpoints
     */
    public KafkaOffsetStore(SinkSettings sink, String pipeline) {
        this.sink = requireNonNull(sink, "sink is null");
        this.topic = sink.offsetsTopic();
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
    }

    @Override
    public Optional<Checkpoint> load() {
        Map<String, Object> settings = new HashMap<>(KafkaClientSecurity.properties(sink));
        settings.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sink.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        try {
            return load(settings);
        } catch (KafkaException e) {
            throw KafkaClientSecurity.explain(e, sink).orElseThrow(() -> e);
        }
    }

    private Optional<Checkpoint> load(Map<String, Object> settings) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            byte[] key = pipeline.getBytes(StandardCharsets.UTF_8);
            byte[] latest = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, TIMEOUT) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading checkpoints from " + topic + " did not reach its end " + end + " within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (java.util.Arrays.equals(key, record.key())) {
                        latest = record.value();
                    }
                }
            }
            return latest == null ? Optional.empty()
                    : Optional.of(CheckpointText.read(new String(latest, StandardCharsets.UTF_8), "of pipeline " + pipeline + " in topic " + topic));
        }
    }

    /** Checkpoints of the exactly-once mode are committed by the sink, inside the Kafka transaction. */
    @Override
    public void commit(Checkpoint checkpoint) {
        throw new UnsupportedOperationException("exactly-once checkpoints are committed by TransactionalKafkaSink.commit, with the records");
    }
}
