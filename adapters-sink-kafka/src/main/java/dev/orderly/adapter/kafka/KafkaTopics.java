package dev.orderly.adapter.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates topics that are missing and reports the partition count of those that exist. */
final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> adminSettings;

    KafkaTopics(String bootstrapServers, String clientId) {
        this.adminSettings = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
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
                    throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
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

    private static Optional<TopicDescription> describe(Admin admin, String topic) throws InterruptedException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
