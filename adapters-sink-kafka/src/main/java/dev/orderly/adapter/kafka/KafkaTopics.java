package dev.orderly.adapter.kafka;

import dev.orderly.ports.config.SinkSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates topics that are missing and reports the partition count of those that exist. */
final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> adminSettings;
    private final SinkSettings settings;

    /** An admin client of the sink's cluster, secured as {@link KafkaClientSecurity} says. */
    KafkaTopics(SinkSettings settings, String clientId) {
        this.settings = settings;
        Map<String, Object> admin = new HashMap<>(KafkaClientSecurity.properties(settings));
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
        this.adminSettings = Map.copyOf(admin);
    }

    /**
     * @param configs topic configs used only when the topic is created (e.g. {@code cleanup.policy=compact})
     * @return the topic's partition count
     */
    int prepare(String topic, int partitionsIfCreated, Map<String, String> configs) {
        try (Admin admin = Admin.create(adminSettings)) {
            Optional<TopicDescription> existing = describe(admin, topic);
            if (existing.isPresent()) {
                return existing.get().partitions().size();
            }
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitionsIfCreated), Optional.empty()).configs(configs)))
                        .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created topic {} with {} partitions {}", topic, partitionsIfCreated, configs.isEmpty() ? "" : configs);
                // Metadata of a topic just created may not have reached every broker yet; its count is what was asked for.
                return partitionsIfCreated;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw KafkaClientSecurity.explain(e.getCause(), settings)
                            .orElseGet(() -> new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause()));
                }
            }
            return describe(admin, topic).orElseThrow(() -> new IllegalStateException("topic " + topic + " was reported to exist but cannot be described"))
                    .partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s while preparing topic " + topic
                    + "; check sink.bootstrap-servers (" + adminSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ")", e);
        }
    }

    /** The topic's {@code max.message.bytes}: its own setting, else the broker's {@code message.max.bytes}. */
    int maxMessageBytes(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(adminSettings)) {
            Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            return Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the max.message.bytes of topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the max.message.bytes of topic " + topic + ": " + e, e);
        }
    }

    private Optional<TopicDescription> describe(Admin admin, String topic) throws InterruptedException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw KafkaClientSecurity.explain(e.getCause(), settings)
                    .orElseGet(() -> new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause()));
        }
    }
}
