package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnePassReportingTest {

    private static final ConfigProblem IDEMPOTENCE_OFF = new ConfigProblem("sink.producer.enable.idempotence", "\"false\"", "true",
            "remove enable.idempotence: without it a retried batch can be written out of order");

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void everyProblemOfTheFileIsReportedTogether() {
        String yaml = """
                name: Shop
                source:
                  type: oracle
                  host: 127.0.0.1
                  port: 70000
                  user: cdc
                  password: ${ORDERLY_SOURCE_PASSWORD}
                  include: [shop.orders]
                sink:
                  bootstrap-server: 127.0.0.1:9092
                  topic: shop.changes
                  delivery: exactly-twice
                partition:
                  mode: hash
                  no-key: ignore
                format: avro
                """;

        InvalidConfigException failure = fixture.failure(yaml);

        assertThat(failure.problems()).extracting(ConfigProblem::path).containsExactly(
                "name",
                "source.type",
                "source.port",
                "source.server-id",
                "partition.no-key",
                "sink.bootstrap-server",
                "sink.bootstrap-servers",
                "sink.delivery",
                "format");
        assertThat(failure).hasMessageStartingWith(directory.resolve("config.yaml") + " has 9 problems:");
        assertThat(failure).hasMessageContaining("source.server-id: found (missing); allowed: an integer from 1 to 4294967295, "
                + "unique among the source's replicas. Fix: add 'server-id: 5401' under source:");
    }

    @Test
    void missingSectionsAreReportedOnceEach() {
        List<ConfigProblem> problems = fixture.problems("name: shop\n");

        assertThat(problems).containsExactly(
                new ConfigProblem("source", "(missing)", "a map with the keys: debezium, host, include, password, port, server-id, snapshot, tls, type, user",
                        "add a 'source:' section at the top level with at least type, host, user, password, server-id and include;"
                                + " config/example.yaml shows one"),
                new ConfigProblem("partition", "(missing)", "a map with the keys: mode, no-key, options, rules, sharding-columns",
                        "add a 'partition:' section at the top level with at least mode; config/example.yaml shows one"),
                new ConfigProblem("sink", "(missing)", "a map with the keys: bootstrap-servers, delivery, max-transaction-records, offsets-topic, outage-timeout, oversized, partitions, producer, sasl, tls, topic",
                        "add a 'sink:' section at the top level with at least bootstrap-servers and topic; config/example.yaml shows one"));
    }

    @Test
    void producerCheckProblemsAreMergedWithTheOthers() {
        String yaml = ConfigFixture.VALID.replace("bootstrap-servers: 127.0.0.1:9092", """
                bootstrap-servers: 127.0.0.1:9092
                  producer:
                    enable.idempotence: false
                    linger.ms: 5
                """.stripTrailing()).replace("mode: hash", "mode: hsh");
        List<Map<String, String>> checked = new ArrayList<>();

        List<ConfigProblem> problems = fixture.failure(yaml, ConfigFixture.ENVIRONMENT, TestingConfigContext.withProducerCheck(settings -> {
            checked.add(settings);
            return "false".equals(settings.get("enable.idempotence")) ? List.of(IDEMPOTENCE_OFF) : List.of();
        })).problems();

        assertThat(checked).containsExactly(Map.of("enable.idempotence", "false", "linger.ms", "5"));
        assertThat(problems).containsExactly(
                new ConfigProblem("partition.mode", "\"hsh\"", "one of: hash, one_partition (or its alias one)", "did you mean 'hash'?"),
                IDEMPOTENCE_OFF);
    }

    @Test
    void producerCheckSeesAnEmptyMapWhenNoProducerSettingsAreWritten() {
        List<Map<String, String>> checked = new ArrayList<>();

        fixture.load(ConfigFixture.VALID, ConfigFixture.ENVIRONMENT, TestingConfigContext.withProducerCheck(settings -> {
            checked.add(settings);
            return List.of();
        }));

        assertThat(checked).containsExactly(Map.of());
    }
}
