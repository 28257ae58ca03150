package dev.orderly.adapter.kafka;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.reassembly.ReassembledTransaction;
import dev.orderly.domain.reassembly.TransactionReassembler;
import dev.orderly.domain.verify.ControlRecord;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.StoredRecord;
import dev.orderly.ports.TransactionStreamPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a {@code hash} topic as whole transactions: a group-less {@code read_committed} consumer
 * assigned every partition from the beginning feeds a {@link TransactionReassembler}. Control records
 * are recognised by their headers, data records are decoded with the topic's format. The partition
 * count is read once, at creation. Not thread-safe, like the consumer it wraps.
 */
public final class KafkaTransactionReader implements TransactionStreamPort {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final MessageFormatPort format;
    private final TransactionReassembler reassembler;
    /** What stopped the stream after the transactions before it were handed out; thrown by every later poll. */
    private RuntimeException failure;
    private boolean closed;

    /**
     * Connects and assigns every partition of {@code topic}, from the beginning.
     *
     * @param format the format the topic's data records are written in
     * @param maxBufferedRecords how many records may wait for the watermarks at most (see
     *     {@link TransactionReassembler}), at least 1
     * @throws IllegalStateException when the topic does not exist
     */
    public KafkaTransactionReader(String bootstrapServers, String topic, MessageFormatPort format, int maxBufferedRecords) {
        this(newConsumer(requireNonNull(bootstrapServers, "bootstrapServers is null")), topic, format, maxBufferedRecords);
    }

    /** Reads with {@code consumer}, which this reader owns and closes. */
    KafkaTransactionReader(Consumer<byte[], byte[]> consumer, String topic, MessageFormatPort format, int maxBufferedRecords) {
        this.consumer = requireNonNull(consumer, "consumer is null");
        try {
            this.topic = requireNonNull(topic, "topic is null");
            this.format = requireNonNull(format, "format is null");
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            this.reassembler = new TransactionReassembler(partitions.size(), maxBufferedRecords);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private static Consumer<byte[], byte[]> newConsumer(String bootstrapServers) {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // A transactional sink's aborted records must never reach a reassembled transaction (D2).
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitionsOf(Consumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; create it, or check the topic name and bootstrap servers");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    @Override
    public List<ReassembledTransaction> poll(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        if (closed) {
            throw new IllegalStateException("the reader of topic " + topic + " is closed");
        }
        if (failure != null) {
            throw failure;
        }
        List<ReassembledTransaction> released = new ArrayList<>();
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                StoredRecord stored = KafkaTopicReader.toStored(record);
                Optional<ControlRecord> control = RecordHeaders.readControl(stored.partition(), stored.offset(), stored.headers());
                if (control.isEmpty()) {
                    reassembler.add(format.read(stored.partition(), stored.offset(), stored.key(), stored.value(), stored.headers()));
                } else {
                    reassembler.add(control.get());
                    // Only a watermark lets transactions out; releasing at once keeps them from counting against the buffer limit.
                    if (control.get().kind() == ControlRecord.Kind.WATERMARK) {
                        released.addAll(reassembler.release());
                    }
                }
            }
            released.addAll(reassembler.release());
        } catch (RuntimeException e) {
            if (released.isEmpty()) {
                throw e;
            }
            // Hand out the whole transactions read before the failure first; the next poll reports it.
            failure = e;
        }
        return List.copyOf(released);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            consumer.close();
        }
    }

    @Override
    public String toString() {
        return "KafkaTransactionReader[topic " + topic + ", " + reassembler + "]";
    }
}
