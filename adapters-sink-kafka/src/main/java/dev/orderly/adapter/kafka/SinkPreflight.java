package dev.orderly.adapter.kafka;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.InvalidConfigException;
import dev.orderly.ports.config.SinkSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The preflight of the Kafka side for {@code orderly check}: the brokers answer, the topic exists or
 * may be created with {@code sink.partitions}, the offsets topic likewise (exactly-once), and the
 * producer settings the sink would use keep each partition's order (D3). Creates nothing: topic
 * creation is only validated by the broker ({@code validateOnly}).
 *
 * <p>Lifecycle: {@link #broker()} first; the topic checks need it to have passed. {@link #close()}
 * closes the admin client. Not thread-safe.
 */
public final class SinkPreflight implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SinkSettings settings;
    private final String clientId;
    private Admin admin;

    /** @param clientId the client id of the admin client, for the brokers' logs and quotas */
    public SinkPreflight(SinkSettings settings, String clientId) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clientId = requireNonNull(clientId, "clientId is null");
    }

    /** The brokers answer a metadata request within 10 s. */
    public CheckResult broker() {
        try {
            admin = Admin.create(adminSettings(settings, clientId));
            DescribeClusterResult cluster = admin.describeCluster();
            Collection<Node> nodes = get(cluster.nodes());
            return CheckResult.pass("kafka brokers", nodes.size() + (nodes.size() == 1 ? " broker" : " brokers") + " at "
                    + settings.bootstrapServers() + ", cluster " + get(cluster.clusterId()));
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            Optional<IllegalStateException> authentication = KafkaClientSecurity.explain(e instanceof ExecutionException ? e.getCause() : e, settings);
            if (authentication.isPresent()) {
                return CheckResult.failExplained("kafka brokers", authentication.get().getMessage());
            }
            String reason = e instanceof TimeoutException ? "" : ": " + message(e);
            return CheckResult.fail("kafka brokers", "no answer from " + settings.bootstrapServers() + " within " + TIMEOUT.toSeconds() + " s"
                            + reason + "; the topic checks were skipped",
                    "check sink.bootstrap-servers, that the brokers run, and that their advertised listeners are reachable from this host");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + settings.bootstrapServers() + " for its brokers", e);
        }
    }

    /**
     * The admin client settings of the sink's cluster as {@link KafkaTopics} builds them (security from
     * {@link KafkaClientSecurity}), with timeouts short enough for a preflight.
     */
    static Map<String, Object> adminSettings(SinkSettings settings, String clientId) {
        Map<String, Object> admin = new HashMap<>(KafkaClientSecurity.properties(settings));
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        return admin;
    }

    /** {@code sink.topic} exists (its partition count is reported) or the broker would create it with {@code sink.partitions}. */
    public CheckResult topic() {
        String topic = settings.topic();
        Optional<Integer> partitions = partitionCount(topic);
        if (partitions.isPresent()) {
            String configured = partitions.get() == settings.partitions() ? ""
                    : "; sink.partitions (" + settings.partitions() + ") applies only when orderly creates the topic";
            return CheckResult.pass("topic", topic + " exists with " + partitions.get() + " partitions" + configured);
        }
        return creatable("topic", topic, settings.partitions(), Map.of());
    }

    /**
     * The partition count the pipeline would route with: the topic's, or {@code sink.partitions} when
     * the pipeline would create it.
     */
    public int partitionCountAtStart() {
        return partitionCount(settings.topic()).orElse(settings.partitions());
    }

    /** Whether {@code sink.offsets-topic} exists; only then can an exactly-once checkpoint be read without creating the topic by accident. */
    public boolean offsetsTopicExists() {
        return partitionCount(settings.offsetsTopic()).isPresent();
    }

    /** Exactly-once: {@code sink.offsets-topic} exists and is compacted, or the broker would create it so. */
    public CheckResult offsetsTopic() {
        String topic = settings.offsetsTopic();
        if (partitionCount(topic).isEmpty()) {
            return creatable("offsets topic", topic, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        String policy = cleanupPolicy(topic);
        if (policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            return CheckResult.pass("offsets topic", topic + " exists, cleanup.policy=" + policy);
        }
        return CheckResult.warn("offsets topic", topic + " exists with cleanup.policy=" + policy + ": retention may delete the checkpoint of a"
                        + " pipeline that committed nothing for a while, and a restart would then not know where to resume",
                "kafka-configs.sh --bootstrap-server " + settings.bootstrapServers() + " --alter --entity-type topics --entity-name " + topic
                        + " --add-config cleanup.policy=compact");
    }

    /**
     * The producer settings the sink would use (orderly's, the user's {@code sink.producer}, then what
     * orderly enforces) keep each partition's order across retries (D3).
     */
    public CheckResult producerSettings() {
        List<ConfigProblem> problems = ProducerSettingsGuard.problems(settings.producerProperties());
        if (!problems.isEmpty()) {
            return CheckResult.failExplained("producer settings", new InvalidConfigException("sink.producer", problems).getMessage());
        }
        Map<String, Object> effective;
        try {
            effective = KafkaSink.producerSettings(settings, clientId);
        } catch (InvalidConfigException e) {
            return CheckResult.failExplained("producer settings", e.getMessage());
        }
        return producerSafety(effective, settings.delivery());
    }

    /** Judges effective producer settings: acks=all, idempotence on, at most 5 requests in flight per connection. */
    static CheckResult producerSafety(Map<String, Object> effective, DeliveryMode delivery) {
        String acks = text(effective, ProducerConfig.ACKS_CONFIG);
        String idempotence = text(effective, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        String inFlight = text(effective, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        String found = "acks=" + acks + ", enable.idempotence=" + idempotence + ", max.in.flight.requests.per.connection=" + inFlight
                + ", delivery.timeout.ms=" + text(effective, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG) + " (sink.outage-timeout)"
                + (delivery == DeliveryMode.EXACTLY_ONCE ? ", transactional" : "");
        List<String> unsafe = new ArrayList<>();
        if (!acks.equals("all") && !acks.equals("-1")) {
            unsafe.add("acks must be all");
        }
        if (!idempotence.equals("true")) {
            unsafe.add("enable.idempotence must be true");
        }
        if (!inFlightIsSafe(inFlight)) {
            unsafe.add("max.in.flight.requests.per.connection must be 1 to " + ProducerSettingsGuard.MAX_IN_FLIGHT);
        }
        if (unsafe.isEmpty()) {
            return CheckResult.pass("producer settings", found);
        }
        return CheckResult.fail("producer settings", found + ": " + String.join(", ", unsafe) + " or a retry can reorder a partition (D3)",
                "remove these keys from sink.producer");
    }

    private static boolean inFlightIsSafe(String inFlight) {
        try {
            int requests = Integer.parseInt(inFlight);
            return requests >= 1 && requests <= ProducerSettingsGuard.MAX_IN_FLIGHT;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private CheckResult creatable(String name, String topic, int partitions, Map<String, String> configs) {
        try {
            get(admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(configs)),
                    new CreateTopicsOptions().validateOnly(true)).all());
            return CheckResult.pass(name, topic + " does not exist yet; the broker accepts creating it with " + described(partitions, configs));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return CheckResult.pass(name, topic + " was created meanwhile");
            }
            return cannotCreate(name, topic, partitions, configs, message(e));
        } catch (TimeoutException e) {
            return cannotCreate(name, topic, partitions, configs, message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating the creation of topic " + topic, e);
        }
    }

    private CheckResult cannotCreate(String name, String topic, int partitions, Map<String, String> configs, String reason) {
        String topicConfigs = configs.entrySet().stream().map(entry -> " --config " + entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining());
        return CheckResult.fail(name, topic + " does not exist and the broker refuses to create it with " + described(partitions, configs) + ": "
                        + reason,
                "create it yourself (kafka-topics.sh --bootstrap-server " + settings.bootstrapServers() + " --create --topic " + topic
                        + " --partitions " + partitions + topicConfigs + "), or allow orderly's principal to create topics");
    }

    private static String described(int partitions, Map<String, String> configs) {
        return partitions + (partitions == 1 ? " partition" : " partitions") + (configs.isEmpty() ? "" : " " + configs);
    }

    private Optional<Integer> partitionCount(String topic) {
        try {
            return Optional.of(get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot describe topic " + topic + ": " + message(e), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe topic " + topic + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic " + topic, e);
        }
    }

    private String cleanupPolicy(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = get(admin.describeConfigs(List.of(resource)).all()).get(resource);
            ConfigEntry entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return entry == null || entry.value() == null ? "(unknown)" : entry.value().toLowerCase(Locale.ROOT);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the configuration of topic " + topic + ": " + message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the configuration of topic " + topic, e);
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String text(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        return value == null ? "(default)" : String.valueOf(value).strip().toLowerCase(Locale.ROOT);
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
