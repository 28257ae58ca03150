package dev.orderly.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.InvalidConfigException;
import dev.orderly.ports.config.SinkSettings;
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
