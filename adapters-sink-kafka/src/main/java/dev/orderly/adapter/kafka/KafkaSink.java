package dev.orderly.adapter.kafka;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.SinkPort;
import dev.orderly.ports.SinkStatistics;
import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.InvalidConfigException;
import dev.orderly.ports.config.SinkSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SinkPort} on one idempotent Kafka producer (acks=all, at most 5 requests in flight), so each
 * partition keeps the order of {@link #send} calls across retries (D3). Sends are pipelined: nothing
 * waits for an earlier transaction's acknowledgement.
 *
 * <p>Broker outages: the producer retries for up to {@code sink.outage-timeout} (its
 * {@code delivery.timeout.ms} and {@code max.block.ms}), in order, since idempotence keeps each
 * partition's sequence across reconnects. Only when Kafka has not acknowledged a record for that long
 * does a send fail, with a message that names the topic, the timeout and the brokers.
 */
public final class KafkaSink implements SinkPort {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
    /** The producer's own default request timeout, lowered when the outage timeout is shorter. */
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaTopics topics;
    private final int maxRequestSize;
    private final SinkSettings settings;
    private volatile Exception failure;

    /**
     * @param settings the sink settings; raw producer settings are checked (D3) before anything starts
     * @param clientId the producer's client id
     * @throws InvalidConfigException when a raw producer setting could reorder or lose records
     */
    public KafkaSink(SinkSettings settings, String clientId) {
        requireNonNull(settings, "settings is null");
        List<ConfigProblem> problems = ProducerSettingsGuard.problems(settings.producerProperties());
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("sink.producer", problems);
        }
        this.settings = settings;
        this.producer = new KafkaProducer<>(producerSettings(settings, clientId), new ByteArraySerializer(), new ByteArraySerializer());
        this.maxRequestSize = RecordSizeLimit.maxRequestSize(settings);
        this.topics = new KafkaTopics(settings, clientId);
    }

    /**
     * The producer's settings: orderly's defaults, then the user's raw settings, then what orderly
     * owns. The outage timeout bounds both how long a record may wait for its acknowledgement
     * ({@code delivery.timeout.ms}) and how long a send may block for metadata or buffer space
     * ({@code max.block.ms}); {@code request.timeout.ms} is lowered, when needed, so that one request
     * and the linger fit in it, as the producer requires.
     *
     * @throws InvalidConfigException when {@code linger.ms} leaves no time for a request within the outage timeout
     */
    static Map<String, Object> producerSettings(SinkSettings settings, String clientId) {
        Map<String, Object> producer = new HashMap<>();
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        producer.putAll(settings.producerProperties());
        // Set last so that nothing above can weaken them; the guard already refused unsafe user values.
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        producer.putAll(KafkaClientSecurity.properties(settings));
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, String.valueOf(ProducerSettingsGuard.MAX_IN_FLIGHT));
        long outageMillis = Math.min(Integer.MAX_VALUE, Math.max(1, settings.outageTimeout().toMillis()));
        long lingerMillis = millisSetting(producer, ProducerConfig.LINGER_MS_CONFIG);
        if (lingerMillis >= outageMillis) {
            throw new InvalidConfigException("sink.producer", List.of(new ConfigProblem(ProducerSettingsGuard.PREFIX + ProducerConfig.LINGER_MS_CONFIG,
                    "'" + lingerMillis + "'", "less than sink.outage-timeout (" + outageMillis + " ms)",
                    "lower linger.ms, or raise sink.outage-timeout: a record must be able to leave and be acknowledged within it")));
        }
        long requestMillis = producer.containsKey(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)
                ? millisSetting(producer, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)
                : DEFAULT_REQUEST_TIMEOUT.toMillis();
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(outageMillis));
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(outageMillis));
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(requestMillis, outageMillis - lingerMillis)));
        return producer;
    }

    private static long millisSetting(Map<String, Object> producer, String key) {
        String value = String.valueOf(producer.get(key)).trim();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("sink.producer", List.of(new ConfigProblem(ProducerSettingsGuard.PREFIX + key, "'" + value + "'",
                    "a whole number of milliseconds", "write the milliseconds as a whole number, e.g. " + key + ": 5")));
        }
    }

    @Override
    public int prepareTopic(String topic, int partitionsIfCreated) {
        return topics.prepare(topic, partitionsIfCreated, Map.of());
    }

    /** The Kafka record of an outgoing record, headers included. */
    static ProducerRecord<byte[], byte[]> producerRecord(String topic, OutgoingRecord record) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        return new ProducerRecord<>(topic, record.partition(), record.key(), record.value(), headers);
    }

    @Override
    public CompletableFuture<Void> send(String topic, List<OutgoingRecord> records) {
        Exception earlier = failure;
        if (earlier != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("an earlier record failed; nothing more is sent", earlier));
        }
        TransactionAck ack = new TransactionAck(records.size());
        for (OutgoingRecord record : records) {
            if (failure != null) {
                // A send that could not get metadata blocked for the whole outage timeout and failed through its callback:
                // the next records would each block as long again before the pipeline hears of it.
                break;
            }
            try {
                producer.send(producerRecord(topic, record), (metadata, exception) -> {
                    if (exception == null) {
                        ack.acknowledged();
                    } else {
                        Exception explained = explained(topic, exception);
                        failure = explained;
                        ack.failed(explained);
                    }
                });
            } catch (RuntimeException e) {
                Exception explained = explained(topic, e);
                failure = explained;
                ack.failed(explained);
                break;
            }
        }
        return ack.future();
    }

    /**
     * A timeout means the producer gave up retrying after {@code sink.outage-timeout}: Kafka was away
     * or without a leader that long. Says so in the user's terms; other failures pass unchanged.
     */
    private Exception explained(String topic, Exception exception) {
        if (!(exception instanceof org.apache.kafka.common.errors.TimeoutException)) {
            return exception;
        }
        return new KafkaOutageException("Kafka did not acknowledge records of topic " + topic + " for " + spoken(settings.outageTimeout())
                + " (sink.outage-timeout; the producer reported: " + exception.getMessage() + "). Check the brokers at " + settings.bootstrapServers()
                + ", then restart orderly: it resumes from its committed position.", exception);
    }

    /** {@code 30 s}, {@code 2 min}, {@code 1500 ms}: how a person says the duration. */
    static String spoken(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + " s" : millis + " ms";
    }

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

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warn("Closing the Kafka producer failed: {}", e.toString());
        }
    }
}
