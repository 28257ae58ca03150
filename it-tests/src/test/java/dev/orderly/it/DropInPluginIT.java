package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.app.demo.StreamedWorkload;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.verify.CommittedChange;
import dev.orderly.domain.verify.CommittedTransaction;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A partition rule compiled outside this build, with only the SPI (ports and domain) on its
 * classpath, dropped as a JAR into a plugin directory, streams a concurrent workload from a real
 * MySQL into a real Kafka, and the guarantee it declares (per-table order) holds on the topic.
 */
@ExtendWith(RealServers.class)
class DropInPluginIT {

    private static final String RULE_CLASS = "example.rules.ByTableRule";
    private static final String RULE_SOURCE = """
            package example.rules;

            import dev.orderly.domain.ordering.KeyEncoding;
            import dev.orderly.domain.ordering.KeyHash;
            import dev.orderly.domain.ordering.OrderingGuarantee;
            import dev.orderly.ports.spi.OptionType;
            import dev.orderly.ports.spi.PartitionRule;
            import dev.orderly.ports.spi.PartitionRulePort;
            import dev.orderly.ports.spi.RuleOption;
            import dev.orderly.ports.spi.RuleOptions;
            import java.util.List;

            /** Every change of a table to one partition, chosen by the hash of a salt and the table name. */
            public final class ByTableRule implements PartitionRulePort {

                static final RuleOption<String> SALT = RuleOption.optional("salt", OptionType.STRING, "", "mixed into the hash");

                @Override
                public String identifier() {
                    return "by_table";
                }

                @Override
                public OrderingGuarantee guarantee() {
                    return OrderingGuarantee.PER_TABLE;
                }

                @Override
                public List<RuleOption<?>> optionalOptions() {
                    return List.of(SALT);
                }

                @Override
                public PartitionRule create(RuleOptions options) {
                    String salt = options.get(SALT);
                    return input -> KeyHash.partition(KeyEncoding.encode(List.of(salt + input.change().table())), input.partitionCount());
                }
            }
            """;

    @Test
    void aRuleCompiledAgainstTheSpiAloneKeepsEachTableInOnePartitionInCommitOrder(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        Path work = RealServers.workDirectory("plugin");
        Path pluginDirectory = work.resolve("plugins");
        Path jar = PluginJarBuilder.build(work.resolve("build"), RULE_CLASS, RULE_SOURCE, pluginDirectory.resolve("by-table-rule.jar"));
        assertThat(PluginJarBuilder.entries(jar)).containsExactly("META-INF/services/dev.orderly.ports.spi.PartitionRulePort",
                "example/rules/ByTableRule.class");

        ScenarioOptions options = new ScenarioOptions("plugin_mysql", 8, 6_000, 11, 4, List.of("hash"), work.resolve("state"));
        DemoScenario scenario = new DemoScenario(mySql, kafka.bootstrapServers(), options);
        OrderlySettings base = scenario.settings("hash", 5601);
        OrderlySettings settings = new OrderlySettings(base.name(), base.stateDirectory(), base.source(),
                new SinkSettings(base.sink().bootstrapServers(), "plugin-by-table", 4, base.sink().delivery(), Map.of()),
                new PartitionSettings("by_table", Map.of("salt", "s1"), Map.of(), base.partition().noKey(), List.of()),
                base.format(), Optional.of(pluginDirectory));

        StreamedWorkload streamed = scenario.stream(Map.of("by_table", settings));
        List<ConsumedRecord> records = scenario.readBack(settings);

        Map<TableId, List<ConsumedRecord>> byTable = records.stream().collect(Collectors.groupingBy(ConsumedRecord::table));
        Map<TableId, Long> committedPerTable = committedChangesPerTable(streamed.history());
        assertThat(byTable.keySet()).containsExactlyInAnyOrderElementsOf(committedPerTable.keySet());
        for (Map.Entry<TableId, List<ConsumedRecord>> table : byTable.entrySet()) {
            List<ConsumedRecord> ofTable = table.getValue();
            assertThat(ofTable).as("%s stays in one partition", table.getKey()).extracting(ConsumedRecord::partition).containsOnly(ofTable.get(0).partition());
            assertThat(ofTable).as("%s in commit order", table.getKey())
                    .isSortedAccordingTo(Comparator.comparingLong((ConsumedRecord r) -> r.txn().seq()).thenComparingInt(r -> r.txn().index()));
            assertThat((long) ofTable.size()).as("%s: one record per committed change", table.getKey()).isEqualTo(committedPerTable.get(table.getKey()));
        }
        assertThat(records.stream().map(ConsumedRecord::partition).distinct().count()).as("tables spread over partitions").isGreaterThan(1);
        assertThat(scenario.replayProblems(records)).isEmpty();
        System.out.printf("[it] plugin by_table: %,d records of %,d transactions; partitions per table %s%n", records.size(),
                streamed.workload().transactions(), byTable.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> entry.getValue().get(0).partition())));
    }

    private static Map<TableId, Long> committedChangesPerTable(List<CommittedTransaction> history) {
        Map<TableId, Long> counts = new HashMap<>();
        for (CommittedTransaction transaction : history) {
            for (CommittedChange change : transaction.changes()) {
                counts.merge(change.table(), 1L, Long::sum);
            }
        }
        return counts;
    }
}
