package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.domain.change.TableId;
import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.OrderlySettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partition.rules}: per-table rules, each checked with the rest of the file in one pass. */
class PartitionRulesTest {

    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final TableId CUSTOMERS = new TableId("shop", "customers");
    private static final String INCLUDED = "one of the tables in source.include: shop.customers, shop.orders";

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    /** The valid file with {@code lines} added under {@code partition:} (its last section). */
    private static String withPartitionLines(String lines) {
        return ConfigFixture.VALID + lines.indent(2);
    }

    private List<ConfigProblem> problemsWithPartitionLines(String lines) {
        return fixture.problems(withPartitionLines(lines));
    }

    @Test
    void firstRuleThatNamesATableWins() {
        OrderlySettings settings = fixture.load(withPartitionLines("""
                rules:
                  - tables: [shop.orders]
                    mode: one
                  - tables: [shop.customers, shop.orders]
                    mode: hash
                    sharding-columns: [id]
                """));

        assertThat(settings.partition().rules()).hasSize(2);
        assertThat(settings.partition().ruleFor(ORDERS).mode()).isEqualTo("one_partition");
        assertThat(settings.partition().shardingColumnsOf(ORDERS)).isEmpty();
        assertThat(settings.partition().ruleFor(CUSTOMERS).mode()).isEqualTo("hash");
        assertThat(settings.partition().shardingColumnsOf(CUSTOMERS)).containsExactly("id");
    }

    @Test
    void emptyListOfRulesMeansNone() {
        assertThat(fixture.load(withPartitionLines("rules: []")).partition().rules()).isEmpty();
    }

    @Test
    void unknownKeyInARuleIsReportedWithTheKeysARuleSupports() {
        List<ConfigProblem> problems = problemsWithPartitionLines("""
                rules:
                  - tables: [shop.orders]
                    mode: hash
                    sharding-column: [customer_id]
                """);

        assertThat(problems).containsExactly(new ConfigProblem("partition.rules[0].sharding-column", "unknown key \"sharding-column\"",
                "one of the supported keys: mode, options, sharding-columns, tables", "did you mean 'sharding-columns'?"));
    }

    @Test
    void unknownModeOfARuleListsTheLoadedModes() {
        List<ConfigProblem> problems = problemsWithPartitionLines("""
                rules:
                  - tables: [shop.orders]
                    mode: one
                  - tables: [shop.customers]
                    mode: hsh
                """);

        assertThat(problems).containsExactly(
                new ConfigProblem("partition.rules[1].mode", "\"hsh\"", "one of: hash, one_partition (or its alias one)", "did you mean 'hash'?"));
    }

    @Test
    void ruleWithoutTablesOrModeIsToldWhatToAdd() {
        List<ConfigProblem> problems = problemsWithPartitionLines("""
                rules:
                  - sharding-columns: [customer_id]
                """);

        assertThat(problems).containsExactly(
                new ConfigProblem("partition.rules[0].tables", "(missing)", "a non-empty list of distinct tables of source.include, written database.table",
                        "add 'tables: [shop.orders]' under partition.rules[0]:"),
                new ConfigProblem("partition.rules[0].mode", "(missing)", "the identifier of a loaded partition rule",
                        "add 'mode: hash' under partition.rules[0]:"));
    }

    @Test
    void ruleWithAnEmptyListOfTablesIsRefused() {
        assertThat(problemsWithPartitionLines("rules: [{tables: [], mode: hash}]")).containsExactly(new ConfigProblem("partition.rules[0].tables", "[]",
                "a non-empty list of distinct tables of source.include, written database.table", "name at least one, e.g. tables: [shop.orders]"));
    }

    @Test
    void tableOfARuleMustBeIncluded() {
        List<ConfigProblem> problems = problemsWithPartitionLines("""
                rules:
                  - tables: [shop.order, shop.payments, orders]
                    mode: hash
                """);

        assertThat(problems).containsExactly(
                new ConfigProblem("partition.rules[0].tables[0]", "\"shop.order\"", INCLUDED, "did you mean 'shop.orders'?"),
                new ConfigProblem("partition.rules[0].tables[1]", "\"shop.payments\"", INCLUDED,
                        "add shop.payments to source.include, or remove it from this rule"),
                new ConfigProblem("partition.rules[0].tables[2]", "\"orders\"", "a table written database.table",
                        "write the database and the table separated by a dot, e.g. shop.orders"));
    }

    @Test
    void tableTwiceInOneRuleIsRefused() {
        List<ConfigProblem> problems = problemsWithPartitionLines("""
                rules:
                  - tables: [shop.orders, shop.customers, shop.orders]
                    mode: hash
                """);

        assertThat(problems).containsExactly(new ConfigProblem("partition.rules[0].tables[2]", "\"shop.orders\"",
                "a table written database.table, each once per rule", "remove this entry; shop.orders is already at partition.rules[0].tables[0]"));
    }

    @Test
    void tablesOfRulesAreNotCheckedWhenTheIncludedTablesAreUnknown() {
        List<ConfigProblem> problems = fixture.problems(withPartitionLines("rules: [{tables: [shop.payments], mode: hash}]")
                .replace("include: [shop.orders, shop.customers]", "include: [shop.orders, customers]"));

        assertThat(problems).extracting(ConfigProblem::path).containsExactly("source.include[1]");
    }

    @Test
    void shardingColumnsOfARuleMustBeDistinctNonEmptyNames() {
        List<ConfigProblem> problems = problemsWithPartitionLines("""
                rules:
                  - tables: [shop.orders]
                    mode: hash
                    sharding-columns: [customer_id, customer_id]
                  - tables: [shop.customers]
                    mode: hash
                    sharding-columns: []
                """);

        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::fix).containsExactly(
                tuple("partition.rules[0].sharding-columns[1]", "remove this entry; customer_id is already at partition.rules[0].sharding-columns[0]"),
                tuple("partition.rules[1].sharding-columns", "name at least one, e.g. [customer_id]"));
    }

    @Test
    void shardingColumnsInARuleAndInPartitionShardingColumnsAreAmbiguous() {
        List<ConfigProblem> problems = problemsWithPartitionLines("""
                sharding-columns:
                  shop.orders: [order_id]
                rules:
                  - tables: [shop.customers, shop.orders]
                    mode: hash
                    sharding-columns: [customer_id]
                """);

        assertThat(problems).containsExactly(new ConfigProblem("partition.rules[0].sharding-columns",
                "sharding columns for shop.orders, which partition.sharding-columns.shop.orders also sets",
                "a table's sharding columns in one place: its rule or partition.sharding-columns",
                "keep one: remove shop.orders from partition.sharding-columns, or remove sharding-columns from partition.rules[0]"));
    }

    @Test
    void ruleWithoutShardingColumnsMayNameATableThatHasThemInPartition() {
        OrderlySettings settings = fixture.load(withPartitionLines("""
                sharding-columns:
                  shop.orders: [order_id]
                rules:
                  - tables: [shop.orders]
                    mode: one
                """));

        assertThat(settings.partition().shardingColumnsOf(ORDERS)).containsExactly("order_id");
    }

    @Test
    void ruleThatIsNotAMapIsRefused() {
        assertThat(problemsWithPartitionLines("rules: [shop.orders]")).containsExactly(new ConfigProblem("partition.rules[0]", "\"shop.orders\"",
                "a map with the keys: mode, options, sharding-columns, tables",
                "write each entry of 'rules:' as a map, e.g. {tables: [shop.orders], mode: hash}"));
    }

    @Test
    void rulesThatAreNotAListAreRefused() {
        assertThat(problemsWithPartitionLines("rules: {tables: [shop.orders], mode: hash}")).containsExactly(new ConfigProblem("partition.rules",
                "a map {\"tables\":[\"shop.orders\"],\"mode\":\"hash\"}",
                "a list of per-table rules, each a map with the keys: mode, options, sharding-columns, tables (the first rule that names a table wins)",
                "write a list, e.g. rules: [{tables: [shop.orders], mode: hash}]"));
    }

    @Test
    void everyTableFollowingOnePartitionDefaultsToOneKafkaPartition() {
        OrderlySettings settings = fixture.load(withPartitionLines("rules: [{tables: [shop.orders, shop.customers], mode: one_partition}]"));

        assertThat(settings.partition().mode()).isEqualTo("hash");
        assertThat(settings.sink().partitions()).isEqualTo(1);
    }

    @Test
    void aTableFollowingAnotherRuleThanOnePartitionKeepsTheDefaultOfEightPartitions() {
        OrderlySettings settings = fixture.load(withPartitionLines("rules: [{tables: [shop.orders], mode: hash}]").replace("mode: hash\n", "mode: one\n"));

        assertThat(settings.partition().mode()).isEqualTo("one_partition");
        assertThat(settings.sink().partitions()).isEqualTo(8);
    }
}
