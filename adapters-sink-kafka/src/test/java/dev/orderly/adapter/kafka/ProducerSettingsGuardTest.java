package dev.orderly.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.InvalidConfigException;
import dev.orderly.ports.config.SinkSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerSettingsGuardTest {

    @Test
    void safeTuningPassesUnchanged() {
        assertThat(ProducerSettingsGuard.problems(Map.of("linger.ms", "20", "batch.size", "65536", "compression.type", "lz4",
                "max.in.flight.requests.per.connection", "5", "acks", "all", "enable.idempotence", "true"))).isEmpty();
    }

    @Test
    void idempotenceOffIsRefusedWithTheReason() {
        assertThat(ProducerSettingsGuard.problems(Map.of("enable.idempotence", "false")))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("sink.producer.enable.idempotence");
                    assertThat(problem.found()).isEqualTo("'false'");
                    assertThat(problem.fix()).contains("reorder the partition (D3)");
                });
    }

    @Test
    void moreThanFiveRequestsInFlightAreRefused() {
        assertThat(ProducerSettingsGuard.problems(Map.of("max.in.flight.requests.per.connection", "6")))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.allowed()).isEqualTo("an integer from 1 to 5");
                    assertThat(problem.fix()).contains("keeps order only with up to 5 requests in flight");
                });
    }

    @Test
    void acksOtherThanAllAreRefused() {
        assertThat(ProducerSettingsGuard.problems(Map.of("acks", "1"))).extracting(ConfigProblem::path).containsExactly("sink.producer.acks");
    }

    @Test
    void settingsOrderlyOwnsAreRefused() {
        assertThat(ProducerSettingsGuard.problems(Map.of("partitioner.class", "x.Y", "key.serializer", "x.Z")))
                .extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("sink.producer.partitioner.class", "sink.producer.key.serializer");
    }

    @Test
    void securitySettingsAreRefusedInFavourOfTheTlsAndSaslSections() {
        assertThat(ProducerSettingsGuard.problems(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                "ssl.truststore.location", "/x.p12")))
                .extracting(ConfigProblem::path, ConfigProblem::fix)
                .allSatisfy(pathAndFix -> assertThat(pathAndFix.toList().get(1)).asString().startsWith("remove it and configure sink."))
                .extracting(pathAndFix -> pathAndFix.toList().get(0))
                .containsExactlyInAnyOrder("sink.producer.security.protocol", "sink.producer.sasl.mechanism", "sink.producer.ssl.truststore.location");
        assertThat(ProducerSettingsGuard.problems(Map.of("sasl.jaas.config", "x"))).singleElement().extracting(ConfigProblem::fix).asString()
                .startsWith("remove it and configure sink.sasl instead");
    }

    @Test
    void timeoutsDerivedFromTheOutageTimeoutAreRefusedWithTheKeyToUseInstead() {
        assertThat(ProducerSettingsGuard.problems(Map.of("delivery.timeout.ms", "600000")))
                .containsExactly(new ConfigProblem("sink.producer.delivery.timeout.ms", "'600000'",
                        "not set: orderly derives delivery.timeout.ms from sink.outage-timeout",
                        "remove it and set sink.outage-timeout instead, e.g. outage-timeout: 2m; it bounds how long Kafka may fail to"
                                + " acknowledge records before orderly stops with its committed position intact"));
        assertThat(ProducerSettingsGuard.problems(Map.of("max.block.ms", "1000"))).extracting(ConfigProblem::path)
                .containsExactly("sink.producer.max.block.ms");
    }

    @Test
    void theOutageTimeoutBoundsDeliveryBlockingAndEachRequest() {
        Map<String, Object> producer = KafkaSink.producerSettings(settings(Duration.ofSeconds(5), Map.of()), "id");

        assertThat(producer).containsEntry("delivery.timeout.ms", "5000").containsEntry("max.block.ms", "5000")
                .containsEntry("request.timeout.ms", "4995").containsEntry("linger.ms", "5");
    }

    @Test
    void theDefaultRequestTimeoutStaysWhenTheOutageTimeoutLeavesRoomForIt() {
        Map<String, Object> producer = KafkaSink.producerSettings(settings(SinkSettings.DEFAULT_OUTAGE_TIMEOUT, Map.of()), "id");

        assertThat(producer).containsEntry("delivery.timeout.ms", "120000").containsEntry("max.block.ms", "120000")
                .containsEntry("request.timeout.ms", "30000");
    }

    @Test
    void aShorterRequestTimeoutOfTheUserIsKept() {
        Map<String, Object> producer = KafkaSink.producerSettings(settings(Duration.ofMinutes(2), Map.of("request.timeout.ms", "10000")), "id");

        assertThat(producer).containsEntry("request.timeout.ms", "10000");
    }

    @Test
    void aLingerAsLongAsTheOutageTimeoutIsRefused() {
        assertThatThrownBy(() -> KafkaSink.producerSettings(settings(Duration.ofSeconds(1), Map.of("linger.ms", "1000")), "id"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("sink.producer.linger.ms: found '1000'; allowed: less than sink.outage-timeout (1000 ms)");
    }

    @Test
    void timeoutsAreSpokenInTheirLargestWholeUnit() {
        assertThat(KafkaSink.spoken(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(KafkaSink.spoken(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(KafkaSink.spoken(Duration.ofMillis(1500))).isEqualTo("1500 ms");
        assertThat(KafkaSink.spoken(Duration.ofHours(1))).isEqualTo("1 h");
    }

    private static SinkSettings settings(Duration outageTimeout, Map<String, String> producer) {
        return new SinkSettings("b:1", "t", 1, DeliveryMode.AT_LEAST_ONCE, producer, outageTimeout, SinkSettings.DEFAULT_OFFSETS_TOPIC,
                SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS);
    }

    @Test
    void theSinkRefusesToStartWithAnUnsafeSettingBeforeConnecting() {
        SinkSettings settings = new SinkSettings("127.0.0.1:1", "t", 1, DeliveryMode.AT_LEAST_ONCE, Map.of("max.in.flight.requests.per.connection", "10"));

        assertThatThrownBy(() -> new KafkaSink(settings, "test")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("sink.producer.max.in.flight.requests.per.connection: found '10'");
    }

    @Test
    void orderlysOwnSettingsWinOverAnythingElse() {
        Map<String, Object> producer = KafkaSink.producerSettings(new SinkSettings("b:1", "t", 1, DeliveryMode.AT_LEAST_ONCE, Map.of("linger.ms", "7")), "id");

        assertThat(producer).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("max.in.flight.requests.per.connection", "5").containsEntry("linger.ms", "7");
    }
}
