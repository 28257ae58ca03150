package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnknownKeysTest {

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void misspeltKeyIsReportedWithTheSupportedKeysAndTheClosestOne() {
        InvalidConfigException failure = fixture.failure(ConfigFixture.VALID.replace("bootstrap-servers:", "bootstrap-server:"));

        assertThat(failure.problems()).containsExactly(
                new ConfigProblem("sink.bootstrap-server", "unknown key \"bootstrap-server\"",
                        "one of the supported keys: bootstrap-servers, delivery, max-transaction-records, offsets-topic, outage-timeout, oversized, partitions, producer, sasl, tls, topic", "did you mean 'bootstrap-servers'?"),
                new ConfigProblem("sink.bootstrap-servers", "(missing)",
                        "a comma-separated list of host:port, each port from 1 to 65535", "add 'bootstrap-servers: 127.0.0.1:9092' under sink:"));
        assertThat(failure).hasMessageContaining("sink.bootstrap-server: found unknown key \"bootstrap-server\"; "
                + "allowed: one of the supported keys: bootstrap-servers, delivery, max-transaction-records, offsets-topic, outage-timeout, oversized, partitions, producer, sasl, tls, topic. Fix: did you mean 'bootstrap-servers'?");
    }

    @Test
    void camelCaseKeyIsMatchedToItsKebabCaseSpelling() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID.replace("server-id:", "serverId:"));

        assertThat(problems).first().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("source.serverId");
            assertThat(problem.allowed()).isEqualTo("one of the supported keys: debezium, host, include, password, port, server-id, snapshot, tls, type, user");
            assertThat(problem.fix()).isEqualTo("did you mean 'server-id'?");
        });
    }

    @Test
    void unknownKeyWithNoCloseMatchIsToBeRemoved() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID + "metrics: true\n");

        assertThat(problems).containsExactly(new ConfigProblem("metrics", "unknown key \"metrics\"",
                "one of the supported keys: format, monitoring, name, partition, plugin-directory, sink, source, state-directory, watermark",
                "remove it, or rename it to one of the supported keys"));
    }

    @Test
    void unknownKeysAreReportedAtEveryLevel() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID
                .replace("source:", "formatt: json\nsource:\n  hots: db")
                .replace("mode: hash", "mode: hash\n  no_key: fail"));

        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::fix).containsExactly(
                tuple("formatt", "did you mean 'format'?"),
                tuple("source.hots", "did you mean 'host'?"),
                tuple("partition.no_key", "did you mean 'no-key'?"));
    }
}
