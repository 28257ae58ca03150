package dev.orderly.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.plugin.builtin.HashRule;
import dev.orderly.plugin.builtin.OnePartitionRule;
import dev.orderly.plugin.json.JsonMessageFormat;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import dev.orderly.ports.spi.PartitionRulePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code orderly check} asks the pipeline: the refusals {@link Pipeline#start} would give, without starting. */
class PipelineStartProblemsTest {

    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final TableId AUDIT = TableId.parse("shop.audit");
    private static final TableKeys ORDERS_KEYS = new TableKeys(ORDERS, List.of("id", "customer_id"), Set.of(), List.of("id"), List.of());
    private static final TableKeys KEYLESS_AUDIT = new TableKeys(AUDIT, List.of("message"), Set.of("message"), List.of(), List.of());
    private static final Map<String, PartitionRulePort> RULES = Map.of("hash", new HashRule(), "one_partition", new OnePartitionRule());
    private static final Checkpoint ROUTED_WITH_FOUR = new Checkpoint(new SourcePosition("p", "after-9"), 9, 4);

    @Test
    void routingProblemsAreTheMessagesStartRefusesWith() {
        OrderlySettings settings = settings("hash", List.of(ORDERS, AUDIT, TableId.parse("shop.ordres")));
        InMemoryTableMetadata metadata = new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS, AUDIT, KEYLESS_AUDIT));

        List<String> problems = Pipeline.routingProblems(settings, metadata, RULES, new JsonMessageFormat());

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("table shop.audit has no sharding key").contains("partition.sharding-columns.shop.audit");
        assertThat(problems.get(1)).startsWith("table shop.ordres is in source.include but does not exist").contains("shop.orders");
        Pipeline pipeline = new Pipeline(settings, new InMemorySource(), new InMemorySink(4), new InMemoryOffsetStore(null), metadata, RULES,
                new JsonMessageFormat(), Duration.ofSeconds(1));
        assertThatThrownBy(pipeline::start).isInstanceOf(PipelineStartException.class)
                .hasMessageContaining(problems.get(0)).hasMessageContaining(problems.get(1));
    }

    @Test
    void noRoutingProblemWhenEveryTableResolves() {
        assertThat(Pipeline.routingProblems(settings("hash", List.of(ORDERS)), new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)), RULES,
                new JsonMessageFormat())).isEmpty();
    }

    @Test
    void aChangedPartitionCountIsAProblemForAKeyBasedRuleOnly() {
        assertThat(Pipeline.partitionCountProblem(settings("hash", List.of(ORDERS)), RULES, Optional.of(ROUTED_WITH_FOUR), 8)).hasValueSatisfying(
                problem -> assertThat(problem).contains("topic changes has 8 partitions, but the checkpoint's records were routed with 4")
                        .contains("--accept-repartition").endsWith("Otherwise give the topic its 4 partitions back."));
        assertThat(Pipeline.partitionCountProblem(settings("one_partition", List.of(ORDERS)), RULES, Optional.of(ROUTED_WITH_FOUR), 8)).isEmpty();
    }

    @Test
    void noPartitionCountProblemWithoutACheckpointOrWithTheSameCount() {
        OrderlySettings settings = settings("hash", List.of(ORDERS));

        assertThat(Pipeline.partitionCountProblem(settings, RULES, Optional.empty(), 8)).isEmpty();
        assertThat(Pipeline.partitionCountProblem(settings, RULES, Optional.of(ROUTED_WITH_FOUR), 4)).isEmpty();
    }

    private static OrderlySettings settings(String mode, List<TableId> include) {
        return new OrderlySettings("test", Path.of("/tmp/unused"),
                new SourceSettings(SourceType.MYSQL, "127.0.0.1", 3306, "cdc", "secret", 1, include, Map.of()),
                new SinkSettings("127.0.0.1:9092", "changes", 4, DeliveryMode.AT_LEAST_ONCE, Map.of()),
                new PartitionSettings(mode, Map.of(), NoKeyPolicy.FAIL), "json");
    }
}
