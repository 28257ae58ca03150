package dev.orderly.adapter.kafka;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.CheckpointText;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.SinkFencedException;
import dev.orderly.ports.SinkStatistics;
import dev.orderly.ports.TransactionalSinkPort;
import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.InvalidConfigException;
import dev.orderly.ports.config.SinkSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once sink (D2): one transactional producer whose {@code transactional.id} is the pipeline's
 * name, so a second instance of the same pipeline fences the first. Records are sent inside a Kafka
 * transaction that begins with the first send after a commit; {@link #commit} adds the checkpoint to
 * the compacted offsets topic and commits both at once.
 *
 * <p>Threading: the pipeline calls {@link #send} and {@link #commit} one at a time.
 */
public final class TransactionalKafkaSink implements TransactionalSinkPort {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalKafkaSink.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaTopics topics;
    private final int maxRequestSize;
    private final String offsetsTopic;
    private final byte[] checkpointKey;
    private final String transactionalId;
    private boolean inTransaction;
    private volatile boolean fenced;

    /**
     * Connects and fences any older instance with the same transactional id.
     *
     * @param settings the sink settings; raw producer settings are checked (D3) first
     * @param pipeline the pipeline's name; the transactional id is {@code orderly-<pipeline>}
     * @throws InvalidConfigException when a raw producer setting could reorder or lose records
     */
    public TransactionalKafkaSink(SinkSettings settings, String pipeline) {
        requireNonNull(settings, "settings is null");
        List<ConfigProblem> problems = ProducerSettingsGuard.problems(settings.producerProperties());
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("sink.producer", problems);
        }
        this.transactionalId = "orderly-" + pipeline;
        Map<String, Object> producerSettings = KafkaSink.producerSettings(settings, transactionalId);
        producerSettings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        this.producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
        this.maxRequestSize = RecordSizeLimit.maxRequestSize(settings);
        this.topics = new KafkaTopics(settings, transactionalId);
        this.offsetsTopic = settings.offsetsTopic();
        this.checkpointKey = pipeline.getBytes(StandardCharsets.UTF_8);
        topics.prepare(offsetsTopic, 1, Map.of("cleanup.policy", "compact"));
        producer.initTransactions();
        LOG.info("Exactly-once sink ready: transactional id {}, checkpoints in {}", transactionalId, offsetsTopic);
    }

    @Override
    public int prepareTopic(String topic, int partitionsIfCreated) {
        return topics.prepare(topic, partitionsIfCreated, Map.of());
    }

    @Override
    public CompletableFuture<Void> send(String topic, List<OutgoingRecord> records) {
        if (fenced) {
            return CompletableFuture.failedFuture(fencedException(null));
        }
        TransactionAck ack = new TransactionAck(records.size());
        try {
            beginIfNeeded();
            for (OutgoingRecord record : records) {
                producer.send(KafkaSink.producerRecord(topic, record), (metadata, exception) -> {
                    if (exception == null) {
                        ack.acknowledged();
                    } else if (isFencing(exception)) {
                        fenced = true;
                        ack.failed(fencedException(exception));
                    } else {
                        ack.failed(exception);
                    }
                });
            }
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced = true;
            ack.failed(fencedException(e));
        } catch (KafkaException e) {
            ack.failed(e);
        }
        return ack.future();
    }

    @Override
    public void commit(Optional<Checkpoint> checkpoint) {
        if (fenced) {
            throw fencedException(null);
        }
        try {
            beginIfNeeded();
            checkpoint.ifPresent(value -> producer.send(
                    new ProducerRecord<>(offsetsTopic, checkpointKey, CheckpointText.write(value).getBytes(StandardCharsets.UTF_8))));
            producer.commitTransaction();
            inTransaction = false;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced = true;
            throw fencedException(e);
        } catch (KafkaException e) {
            abortQuietly();
            throw new IllegalStateException("the Kafka transaction with checkpoint " + checkpoint.map(c -> "seq " + c.seq()).orElse("(none)")
                    + " failed and was aborted; nothing"
                    + " since the previous checkpoint is visible to read_committed consumers: " + e.getMessage(), e);
        }
    }

    private static boolean isFencing(Exception exception) {
        return exception instanceof ProducerFencedException || exception instanceof InvalidProducerEpochException;
    }

    private void beginIfNeeded() {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("Aborting the Kafka transaction failed: {}", e.toString());
        }
        inTransaction = false;
    }

    private SinkFencedException fencedException(Exception cause) {
        return new SinkFencedException("another orderly instance with the same pipeline name took over (transactional id " + transactionalId
                + "); this instance stops without writing more. Run one instance per pipeline name.", cause);
    }

    /** Sends what is buffered; it stays invisible until {@link #commit}. */
    @Override
    public int maxRecordSize(String topic) {
        return RecordSizeLimit.of(topics.maxMessageBytes(topic), maxRequestSize);
    }

    @Override
    public SinkStatistics statistics() {
        return ProducerStatistics.of(producer);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    /** Aborts an open transaction (records sent since the last commit stay invisible) and closes. */
    @Override
    public void close() {
        if (inTransaction && !fenced) {
            abortQuietly();
        }
        try {
            producer.close(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warn("Closing the Kafka producer failed: {}", e.toString());
        }
    }
}
