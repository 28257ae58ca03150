package dev.orderly.bench;

import dev.orderly.app.state.FileOffsetStore;
import dev.orderly.ports.CheckpointText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far an orderly contender has committed, read cheaply while it runs: the seq of its checkpoint,
 * from the state directory (at-least-once) or by tailing its offsets topic with {@code read_committed}
 * (exactly-once). A run is done when the checkpoint covers the backlog's last transaction.
 */
interface CheckpointWatch extends AutoCloseable {

    /** The committed seq now; -1 before the first checkpoint. */
    long seq();

    @Override
    void close();

    static CheckpointWatch stateDirectory(Path stateDirectory) {
        FileOffsetStore store = new FileOffsetStore(stateDirectory);
        return new CheckpointWatch() {
            @Override
            public long seq() {
                try {
                    return store.load().map(checkpoint -> checkpoint.seq()).orElse(-1L);
                } catch (RuntimeException replacedWhileRead) {
                    return -1;
                }
            }

            @Override
            public void close() {
            }
        };
    }

    static CheckpointWatch offsetsTopic(String bootstrapServers, String topic, String pipeline) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        byte[] key = pipeline.getBytes(StandardCharsets.UTF_8);
        return new CheckpointWatch() {
            private long seq = -1;

            @Override
            public long seq() {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (Arrays.equals(key, record.key())) {
                        seq = CheckpointText.read(new String(record.value(), StandardCharsets.UTF_8), topic).seq();
                    }
                }
                return seq;
            }

            @Override
            public void close() {
                consumer.close(Duration.ofSeconds(5));
            }
        };
    }
}
