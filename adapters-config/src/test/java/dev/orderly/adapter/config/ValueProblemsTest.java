package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.OrderlySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueProblemsTest {

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private List<ConfigProblem> problemsWith(String line, String replacement) {
        return fixture.problems(ConfigFixture.VALID.replace(line, replacement));
    }

    @Test
    void unknownPartitionModeListsTheLoadedModes() {
        assertThat(problemsWith("mode: hash", "mode: rendezvous")).containsExactly(new ConfigProblem("partition.mode", "\"rendezvous\"",
                "one of: hash, one_partition (or its alias one)", "write one of the loaded modes, or install the plugin that provides 'rendezvous'"));
    }

    @Test
    void misspeltPartitionModeSuggestsTheClosestMode() {
        assertThat(problemsWith("mode: hash", "mode: one-partition")).singleElement()
                .extracting(ConfigProblem::fix).isEqualTo("did you mean 'one_partition'?");
    }

    @Test
    void partitionModesComeFromTheContext() {
        List<ConfigProblem> problems = fixture.failure(ConfigFixture.VALID, ConfigFixture.ENVIRONMENT, TestingConfigContext.withModes(Set.of("by-region")))
                .problems();

        assertThat(problems).singleElement().extracting(ConfigProblem::allowed).isEqualTo("one of: by-region");
    }

    @Test
    void portThatIsNotANumberIsRefused() {
        assertThat(problemsWith("user: cdc", "user: cdc\n  port: abc")).containsExactly(new ConfigProblem("source.port", "\"abc\"",
                "an integer from 1 to 65535 (default 3306)", "write a whole number from 1 to 65535"));
    }

    @Test
    void integersOutOfRangeAreRefused() {
        List<ConfigProblem> problems = problemsWith("server-id: 5401", "server-id: 4294967296\n  port: 0");

        assertThat(problems).containsExactly(
                new ConfigProblem("source.port", "0", "an integer from 1 to 65535 (default 3306)", "write a whole number from 1 to 65535"),
                new ConfigProblem("source.server-id", "4294967296", "an integer from 1 to 4294967295, unique among the source's replicas",
                        "write a whole number from 1 to 4294967295"));
    }

    @Test
    void listWhereAStringIsExpectedIsRefused() {
        assertThat(problemsWith("host: 127.0.0.1", "host: [a, b]")).containsExactly(new ConfigProblem("source.host", "a list [\"a\",\"b\"]",
                "a non-empty host name or IP address", "write a single value, not a list"));
    }

    @Test
    void unquotedNumberWhereAStringIsExpectedMustBeQuoted() {
        assertThat(problemsWith("user: cdc", "user: 0123")).containsExactly(new ConfigProblem("source.user", "83", "a non-empty user name",
                "put the value in quotes: YAML reads some unquoted values as numbers or booleans (0123 as 83, yes as true)"));
    }

    @Test
    void requiredKeyWithoutValueIsReported() {
        assertThat(problemsWith("host: 127.0.0.1", "host:")).containsExactly(new ConfigProblem("source.host", "(no value)",
                "a non-empty host name or IP address", "write a value after 'host:', e.g. host: 127.0.0.1"));
    }

    @Test
    void misspeltChoiceSuggestsTheClosestValue() {
        assertThat(problemsWith("topic: shop.changes", "topic: shop.changes\n  delivery: exactly_once")).containsExactly(new ConfigProblem(
                "sink.delivery", "\"exactly_once\"", "one of: at-least-once, exactly-once (default at-least-once)", "did you mean 'exactly-once'?"));
    }

    @Test
    void sourceTypeMustBeMysqlOrMariadb() {
        assertThat(problemsWith("type: mysql", "type: postgres")).containsExactly(new ConfigProblem("source.type", "\"postgres\"",
                "one of: mariadb, mysql", "write one of the allowed values, e.g. type: mysql"));
    }

    @Test
    void topicTemplateIsRefusedAsNotSupported() {
        assertThat(problemsWith("topic: shop.changes", "topic: ${db}.${table}")).containsExactly(new ConfigProblem("sink.topic",
                "\"${db}.${table}\"", "one Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-', other than '.' and '..'",
                "name one topic, e.g. topic: shop.changes; templates such as ${db}.${table} are not supported in this version"
                        + " (to take the name from the environment, export the variable)"));
    }

    @Test
    void topicFromASetEnvironmentVariableIsAccepted() {
        OrderlySettings settings = fixture.load(ConfigFixture.VALID.replace("topic: shop.changes", "topic: ${TOPIC}.v1"),
                Map.of("ORDERLY_SOURCE_PASSWORD", "x", "TOPIC", "billing"), TestingConfigContext.builtIns());

        assertThat(settings.sink().topic()).isEqualTo("billing.v1");
    }

    @Test
    void illegalTopicNameNamesTheCharactersKafkaRefuses() {
        assertThat(problemsWith("topic: shop.changes", "topic: shop/changes v1")).singleElement().satisfies(problem -> {
            assertThat(problem.found()).isEqualTo("\"shop/changes v1\"");
            assertThat(problem.fix()).isEqualTo("replace the characters Kafka does not allow in a topic name: '/', ' '");
        });
    }

    @Test
    void bootstrapServerWithoutPortIsRefused() {
        assertThat(problemsWith("bootstrap-servers: 127.0.0.1:9092", "bootstrap-servers: kafka1:9092,kafka2,kafka3:99999"))
                .extracting(ConfigProblem::fix)
                .containsExactly("give 'kafka2' a port, e.g. kafka2:9092", "give 'kafka3:99999' a port from 1 to 65535, e.g. kafka3:9092");
    }

    @Test
    void includedTablesMustBeWrittenDatabaseDotTableAndOnce() {
        List<ConfigProblem> problems = problemsWith("include: [shop.orders, shop.customers]", "include: [shop.orders, orders, shop.orders]");

        assertThat(problems).containsExactly(
                new ConfigProblem("source.include[1]", "\"orders\"", "a table written database.table",
                        "write the database and the table separated by a dot, e.g. shop.orders"),
                new ConfigProblem("source.include[2]", "\"shop.orders\"", "each table once",
                        "remove this entry; shop.orders is already at source.include[0]"));
    }

    @Test
    void emptyIncludeIsRefused() {
        assertThat(problemsWith("include: [shop.orders, shop.customers]", "include: []")).containsExactly(new ConfigProblem("source.include", "[]",
                "a non-empty list of distinct tables written database.table", "name at least one, e.g. include: [shop.orders, shop.customers]"));
    }

    @Test
    void shardingColumnsForATableNotIncludedAreRefused() {
        List<ConfigProblem> problems = problemsWith("mode: hash", """
                mode: hash
                  sharding-columns:
                    shop.order: [customer_id]
                    shop.payments: [order_id]
                """.stripTrailing());

        assertThat(problems).containsExactly(
                new ConfigProblem("partition.sharding-columns.shop.order", "\"shop.order\"",
                        "one of the tables in source.include: shop.customers, shop.orders", "did you mean 'shop.orders'?"),
                new ConfigProblem("partition.sharding-columns.shop.payments", "\"shop.payments\"",
                        "one of the tables in source.include: shop.customers, shop.orders",
                        "add shop.payments to source.include, or remove its sharding columns"));
    }

    @Test
    void shardingTablesAreStillCheckedWhenAnIncludedTableIsRepeated() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID
                .replace("include: [shop.orders, shop.customers]", "include: [shop.orders, shop.orders]")
                .replace("mode: hash", "mode: hash\n  sharding-columns: {shop.customers: [id]}"));

        assertThat(problems).extracting(ConfigProblem::path).containsExactly("source.include[1]", "partition.sharding-columns.shop.customers");
    }

    @Test
    void shardingTablesAreNotCheckedWhenTheIncludedTablesAreUnknown() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID
                .replace("include: [shop.orders, shop.customers]", "include: [shop.orders, customers]")
                .replace("mode: hash", "mode: hash\n  sharding-columns: {shop.customers: [id]}"));

        assertThat(problems).extracting(ConfigProblem::path).containsExactly("source.include[1]");
    }

    @Test
    void shardingColumnsMustBeDistinctNonEmptyNames() {
        List<ConfigProblem> problems = problemsWith("mode: hash", """
                mode: hash
                  sharding-columns:
                    shop.orders: [customer_id, "", customer_id]
                    shop.customers: []
                """.stripTrailing());

        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::fix).containsExactly(
                tuple("partition.sharding-columns.shop.orders[1]", "write a value; it must not be empty"),
                tuple("partition.sharding-columns.shop.orders[2]",
                        "remove this entry; customer_id is already at partition.sharding-columns.shop.orders[0]"),
                tuple("partition.sharding-columns.shop.customers", "name at least one, e.g. [customer_id]"));
    }

    @Test
    void nestedDebeziumPropertyIsRefused() {
        assertThat(problemsWith("user: cdc", "user: cdc\n  debezium:\n    snapshot:\n      mode: initial")).containsExactly(new ConfigProblem(
                "source.debezium.snapshot", "a map {\"mode\":\"initial\"}", "a string, number or boolean",
                "write one value; nested maps and lists are not passed on, so write the full key instead, e.g. a.b: 1"));
    }

    @Test
    void debeziumSnapshotModeIsRefusedInFavourOfSourceSnapshot() {
        assertThat(problemsWith("user: cdc", "user: cdc\n  debezium:\n    snapshot.mode: initial")).containsExactly(new ConfigProblem(
                "source.debezium.snapshot.mode", "\"initial\"", "not set: orderly sets snapshot.mode from source.snapshot",
                "remove it and write snapshot: initial (read the tables' rows first, once, when there is no checkpoint) or snapshot: never"
                        + " under source:"));
    }

    @Test
    void invalidNameSuggestsAValidOne() {
        assertThat(fixture.problems("name: My Pipeline\n" + ConfigFixture.VALID)).containsExactly(new ConfigProblem("name", "\"My Pipeline\"",
                "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (default orderly)", "rename it, e.g. name: my-pipeline"));
    }

    @Test
    void unknownFormatListsTheLoadedFormats() {
        assertThat(fixture.problems(ConfigFixture.VALID + "format: jsn\n")).containsExactly(new ConfigProblem("format", "\"jsn\"",
                "one of: canal-json, debezium, json", "did you mean 'json'?"));
    }

    @Test
    void partitionCountBelowOneIsRefused() {
        assertThat(problemsWith("topic: shop.changes", "topic: shop.changes\n  partitions: 0")).containsExactly(new ConfigProblem("sink.partitions",
                "0", "an integer of at least 1 (default 1 when every table follows partition rule one_partition, else 8)", "write a whole number of at least 1"));
    }
}
