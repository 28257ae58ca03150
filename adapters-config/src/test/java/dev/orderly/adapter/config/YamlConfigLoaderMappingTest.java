package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SnapshotMode;
import dev.orderly.ports.config.SourceType;
import dev.orderly.ports.config.TableRuleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigLoaderMappingTest {

    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final TableId CUSTOMERS = new TableId("shop", "customers");
    private static final TableId AUDIT = new TableId("shop", "audit");

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void fullFileMapsEveryKey() throws IOException {
        Path plugins = Files.createDirectory(directory.resolve("plugins"));

        OrderlySettings settings = fixture.loadResource("full.yaml", TestingConfigContext.withTenantRule());

        assertThat(settings.name()).isEqualTo("shop-cdc");
        assertThat(settings.stateDirectory()).isEqualTo(Path.of("/var/lib/orderly/shop"));
        assertThat(settings.pluginDirectory()).contains(plugins.toAbsolutePath());
        assertThat(settings.source().type()).isEqualTo(SourceType.MARIADB);
        assertThat(settings.source().host()).isEqualTo("db.internal");
        assertThat(settings.source().port()).isEqualTo(3307);
        assertThat(settings.source().user()).isEqualTo("cdc");
        assertThat(settings.source().password()).isEqualTo(ConfigFixture.PASSWORD);
        assertThat(settings.source().serverId()).isEqualTo(4_294_967_295L);
        assertThat(settings.source().include()).containsExactly(ORDERS, CUSTOMERS, AUDIT);
        assertThat(settings.source().connectorProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("snapshot.fetch.size", "1000", "max.batch.size", "2048", "include.schema.changes", "false"));
        assertThat(settings.source().snapshot()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(settings.sink().bootstrapServers()).isEqualTo("kafka1:9092,kafka2:9093");
        assertThat(settings.sink().topic()).isEqualTo("shop.changes");
        assertThat(settings.sink().partitions()).isEqualTo(12);
        assertThat(settings.sink().delivery()).isEqualTo(DeliveryMode.EXACTLY_ONCE);
        assertThat(settings.sink().outageTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.sink().offsetsTopic()).isEqualTo("shop.orderly-offsets");
        assertThat(settings.sink().maxTransactionRecords()).isEqualTo(5000);
        assertThat(settings.sink().producerProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("linger.ms", "5", "enable.idempotence", "true", "compression.type", "zstd"));
        PartitionSettings partition = settings.partition();
        assertThat(partition.mode()).isEqualTo("tenant");
        assertThat(partition.options()).containsExactly(
                entry("column", "tenant_id"), entry("map", Map.of("eu", "3", "us", "4")), entry("fallback", "hash"));
        assertThat(partition.shardingColumns()).containsExactly(entry(ORDERS, List.of("customer_id", "order_id")));
        assertThat(partition.noKey()).isEqualTo(NoKeyPolicy.PARTITION_ZERO);
        assertThat(partition.rules()).containsExactly(
                new TableRuleSettings(List.of(CUSTOMERS), "hash", Map.of(), List.of("customer_id")),
                new TableRuleSettings(List.of(AUDIT, CUSTOMERS), "one_partition", Map.of(), List.of()));
        assertThat(partition.ruleFor(ORDERS)).isEqualTo(new TableRuleSettings(List.of(ORDERS), "tenant", partition.options(), List.of()));
        assertThat(partition.ruleFor(CUSTOMERS).mode()).isEqualTo("hash");
        assertThat(partition.ruleFor(AUDIT).mode()).isEqualTo("one_partition");
        assertThat(partition.shardingColumnsOf(ORDERS)).containsExactly("customer_id", "order_id");
        assertThat(partition.shardingColumnsOf(CUSTOMERS)).containsExactly("customer_id");
        assertThat(partition.shardingColumnsOf(AUDIT)).isEmpty();
        assertThat(settings.format()).isEqualTo("debezium");
    }

    @Test
    void keysLeftOutTakeTheirDefaults() {
        OrderlySettings settings = fixture.loadResource("minimal.yaml");

        assertThat(settings.name()).isEqualTo("orderly");
        assertThat(settings.stateDirectory()).isEqualTo(directory.toAbsolutePath().resolve(".orderly/orderly"));
        assertThat(settings.source().port()).isEqualTo(3306);
        assertThat(settings.source().connectorProperties()).isEmpty();
        assertThat(settings.sink().partitions()).isEqualTo(8);
        assertThat(settings.sink().delivery()).isEqualTo(DeliveryMode.AT_LEAST_ONCE);
        assertThat(settings.sink().outageTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.sink().offsetsTopic()).isEqualTo("orderly-offsets");
        assertThat(settings.sink().maxTransactionRecords()).isEqualTo(100_000);
        assertThat(settings.sink().producerProperties()).isEmpty();
        assertThat(settings.partition().options()).isEmpty();
        assertThat(settings.partition().shardingColumns()).isEmpty();
        assertThat(settings.partition().noKey()).isEqualTo(NoKeyPolicy.FAIL);
        assertThat(settings.partition().rules()).isEmpty();
        assertThat(settings.pluginDirectory()).isEmpty();
        assertThat(settings.format()).isEqualTo("json");
    }

    @Test
    void defaultStateDirectoryIsNamedAfterThePipeline() {
        OrderlySettings settings = fixture.load("name: billing\n" + ConfigFixture.VALID);

        assertThat(settings.stateDirectory()).isEqualTo(directory.toAbsolutePath().resolve(".orderly").resolve("billing"));
    }

    @Test
    void relativeStateDirectoryIsResolvedAgainstTheWorkingDirectory() {
        OrderlySettings settings = fixture.load("state-directory: ./state/../var\n" + ConfigFixture.VALID);

        assertThat(settings.stateDirectory()).isEqualTo(directory.toAbsolutePath().resolve("var"));
    }

    @Test
    void aliasOneMeansOnePartitionAndDefaultsToOneKafkaPartition() {
        OrderlySettings settings = fixture.load(ConfigFixture.VALID.replace("mode: hash", "mode: one"));

        assertThat(settings.partition().mode()).isEqualTo("one_partition");
        assertThat(settings.sink().partitions()).isEqualTo(1);
    }

    @Test
    void writtenPartitionCountWinsOverTheOnePartitionDefault() {
        OrderlySettings settings = fixture.load(ConfigFixture.VALID.replace("mode: hash", "mode: one_partition")
                .replace("topic: shop.changes", "topic: shop.changes\n  partitions: 3"));

        assertThat(settings.sink().partitions()).isEqualTo(3);
    }

    @Test
    void aPluginsModeAndFormatAreAcceptedWhenLoaded() {
        OrderlySettings settings = fixture.load(ConfigFixture.VALID.replace("mode: hash", "mode: by-region") + "format: canal-json\n",
                ConfigFixture.ENVIRONMENT, TestingConfigContext.withModes(Set.of("hash", "one_partition", "by-region")));

        assertThat(settings.partition().mode()).isEqualTo("by-region");
        assertThat(settings.format()).isEqualTo("canal-json");
    }

    @Test
    void optionalKeysWrittenWithoutValueCountAsLeftOut() {
        OrderlySettings settings = fixture.load(ConfigFixture.VALID.replace("topic: shop.changes", """
                topic: shop.changes
                  delivery:
                  producer:
                    # linger.ms: 5
                """.stripTrailing()));

        assertThat(settings.sink().delivery()).isEqualTo(DeliveryMode.AT_LEAST_ONCE);
        assertThat(settings.sink().producerProperties()).isEmpty();
    }

    @Test
    void passwordMayBeEmptyWhenWrittenAsEmptyString() {
        OrderlySettings settings = fixture.load(ConfigFixture.VALID.replace("${ORDERLY_SOURCE_PASSWORD}", "\"\""));

        assertThat(settings.source().password()).isEmpty();
    }

    @Test
    void numbersGivenAsStringsAreAccepted() {
        OrderlySettings settings = fixture.load(ConfigFixture.VALID.replace("server-id: 5401", "server-id: \"5401\"\n  port: '3307'"));

        assertThat(settings.source().serverId()).isEqualTo(5401);
        assertThat(settings.source().port()).isEqualTo(3307);
    }

    @Test
    void exampleConfigurationOfTheProjectLoads() {
        // The surefire working directory is the module's; the example lives at the project root.
        Path example = Path.of("../config/example.yaml");

        OrderlySettings settings = new YamlConfigLoader(directory).load(example, ConfigFixture.ENVIRONMENT, TestingConfigContext.builtIns());

        assertThat(settings.source().password()).isEqualTo(ConfigFixture.PASSWORD);
        assertThat(settings.partition().mode()).isEqualTo("hash");
        assertThat(settings.partition().ruleFor(CUSTOMERS).mode()).isEqualTo("one_partition");
        assertThat(settings.sink().outageTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.pluginDirectory()).isEmpty();
    }
}
