package dev.orderly.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.KafkaTls;
import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.KeyStoreType;
import dev.orderly.ports.config.OversizedPolicy;
import dev.orderly.ports.config.SinkSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The producer-settings check of {@code orderly check}; the broker checks run against a real broker in {@code CheckCommandIT}. */
class SinkPreflightTest {

    private static final SinkSettings SINK = new SinkSettings("127.0.0.1:9092", "changes", 4, DeliveryMode.AT_LEAST_ONCE, Map.of());

    @Test
    void theSinksOwnSettingsAreSafeAndReported() {
        CheckResult result = new SinkPreflight(SINK, "orderly-test").producerSettings();

        assertThat(result.failed()).isFalse();
        assertThat(result.detail()).isEqualTo("acks=all, enable.idempotence=true, max.in.flight.requests.per.connection=5,"
                + " delivery.timeout.ms=120000 (sink.outage-timeout)");
    }

    @Test
    void aRawSettingTheGuardRefusesFailsWithTheGuardsReason() {
        SinkSettings unsafe = new SinkSettings("127.0.0.1:9092", "changes", 4, DeliveryMode.AT_LEAST_ONCE,
                Map.of("max.in.flight.requests.per.connection", "10"));

        CheckResult result = new SinkPreflight(unsafe, "orderly-test").producerSettings();

        assertThat(result.failed()).isTrue();
        assertThat(result.detail()).contains("sink.producer.max.in.flight.requests.per.connection: found '10'", "(D3)");
    }

    @Test
    void effectiveSettingsThatCouldReorderFailNamingEachProblem() {
        Map<String, Object> effective = new HashMap<>(KafkaSink.producerSettings(SINK, "orderly-test"));
        effective.put("acks", "1");
        effective.put("enable.idempotence", "false");
        effective.put("max.in.flight.requests.per.connection", "6");

        CheckResult result = SinkPreflight.producerSafety(effective, DeliveryMode.EXACTLY_ONCE);

        assertThat(result.failed()).isTrue();
        assertThat(result.detail()).contains("acks=1", ", transactional", "acks must be all, enable.idempotence must be true,"
                + " max.in.flight.requests.per.connection must be 1 to 5 or a retry can reorder a partition (D3)");
    }

    @Test
    void theAdminClientIsSecuredLikeTheSinksClientsAndHasShortTimeouts() {
        SinkSettings withRawSettings = new SinkSettings("broker:9093", "changes", 4, DeliveryMode.AT_LEAST_ONCE, Map.of("linger.ms", "20"));

        Map<String, Object> admin = SinkPreflight.adminSettings(withRawSettings, "orderly-check");

        assertThat(admin).containsAllEntriesOf(KafkaClientSecurity.properties(withRawSettings))
                .containsEntry("bootstrap.servers", "broker:9093").containsEntry("client.id", "orderly-check")
                .containsEntry("default.api.timeout.ms", 10_000).containsEntry("request.timeout.ms", 5_000)
                .doesNotContainKey("linger.ms");
    }
}
