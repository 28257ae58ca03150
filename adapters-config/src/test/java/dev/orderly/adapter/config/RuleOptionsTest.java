package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.OrderlySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code options:} of the default rule and of per-table rules, checked against what the rule declares. */
class RuleOptionsTest {

    private static final String COLUMN = "a string: the column that names the tenant";
    private static final String MAP = "a map of string to string: tenant to partition (default {})";

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    /** The valid file whose partition section is {@code mode: <mode>} and {@code lines}. */
    private static String withPartition(String mode, String lines) {
        return ConfigFixture.VALID.replace("mode: hash\n", "mode: " + mode + "\n") + lines.indent(2);
    }

    private OrderlySettings load(String yaml, Map<String, String> environment) {
        return fixture.load(yaml, environment, TestingConfigContext.withTenantRule());
    }

    private List<ConfigProblem> problems(String yaml) {
        return problems(yaml, ConfigFixture.ENVIRONMENT);
    }

    private List<ConfigProblem> problems(String yaml, Map<String, String> environment) {
        return fixture.failure(yaml, environment, TestingConfigContext.withTenantRule()).problems();
    }

    @Test
    void optionsAreParsedAndDefaultsFilledIn() {
        OrderlySettings settings = load(withPartition("tenant", """
                options:
                  column: tenant_id
                  map: {eu: 3, us: "4"}
                """), ConfigFixture.ENVIRONMENT);

        assertThat(settings.partition().options()).containsExactly(
                entry("column", "tenant_id"), entry("map", Map.of("eu", "3", "us", "4")), entry("fallback", "hash"));
    }

    @Test
    void optionalOptionWrittenWithoutValueTakesItsDefault() {
        OrderlySettings settings = load(withPartition("tenant", "options: {column: tenant_id, fallback: }"), ConfigFixture.ENVIRONMENT);

        assertThat(settings.partition().options()).containsEntry("fallback", "hash");
    }

    @Test
    void optionValuesHaveTheirEnvironmentReferencesSubstituted() {
        OrderlySettings settings = load(withPartition("tenant", "options: {column: '${TENANT_COLUMN}', map: {eu: '${EU_PARTITION:-1}'}}"),
                Map.of("ORDERLY_SOURCE_PASSWORD", "pw", "TENANT_COLUMN", "customer_tenant"));

        assertThat(settings.partition().options()).containsEntry("column", "customer_tenant").containsEntry("map", Map.of("eu", "1"));
    }

    @Test
    void unsetVariableInANestedOptionValueIsAProblemAtItsPath() {
        List<ConfigProblem> problems = problems(withPartition("tenant", "options: {column: tenant_id, map: {eu: '${EU_PARTITION}'}}"));

        assertThat(problems).containsExactly(new ConfigProblem("partition.options.map.eu", "\"${EU_PARTITION}\"", "a set environment variable",
                "export EU_PARTITION=... or write the value"));
    }

    @Test
    void unknownOptionIsReportedWithTheRulesOptionsAndTheClosestOne() {
        List<ConfigProblem> problems = problems(withPartition("hash", """
                rules:
                  - tables: [shop.orders]
                    mode: tenant
                    options: {colum: tenant_id}
                """));

        assertThat(problems).containsExactly(
                new ConfigProblem("partition.rules[0].options.colum", "unknown option \"colum\"", "one of the options of rule 'tenant': column, fallback, map",
                        "did you mean 'column'?"),
                new ConfigProblem("partition.rules[0].options.column", "(missing)", COLUMN,
                        "rule 'tenant' requires it: add 'column: value' under partition.rules[0].options:"));
    }

    @Test
    void unknownOptionWithNoCloseMatchIsToBeRemoved() {
        assertThat(problems(withPartition("tenant", "options: {column: tenant_id, region-count: 3}"))).containsExactly(new ConfigProblem(
                "partition.options.region-count", "unknown option \"region-count\"", "one of the options of rule 'tenant': column, fallback, map",
                "remove it, or rename it to one of the options of rule 'tenant'"));
    }

    @Test
    void optionOfARuleThatDeclaresNoneIsRefused() {
        assertThat(problems(withPartition("hash", "options: {map: {eu: 1}}"))).containsExactly(new ConfigProblem("partition.options.map",
                "unknown option \"map\"", "no options: rule 'hash' declares none", "remove it; rule 'hash' takes no options"));
    }

    @Test
    void requiredOptionMissingWithNoOptionsWrittenIsToldToAddThem() {
        assertThat(problems(withPartition("tenant", ""))).containsExactly(new ConfigProblem("partition.options.column", "(missing)", COLUMN,
                "rule 'tenant' requires it: add 'options: {column: value}' under partition:"));
    }

    @Test
    void requiredOptionWrittenWithoutValueIsReported() {
        assertThat(problems(withPartition("tenant", "options:\n  column:"))).containsExactly(new ConfigProblem("partition.options.column", "(no value)",
                COLUMN, "write a value after 'column:', e.g. column: value"));
    }

    @Test
    void valueOfTheWrongTypeIsReportedWithTheTypesMessage() {
        List<ConfigProblem> problems = problems(withPartition("tenant", """
                options:
                  column: [tenant_id, region]
                  map: eu
                """));

        assertThat(problems).containsExactly(
                new ConfigProblem("partition.options.column", "a list [\"tenant_id\",\"region\"]", COLUMN,
                        "the value must be a string but got a list [tenant_id, region]; write e.g. column: value"),
                new ConfigProblem("partition.options.map", "\"eu\"", MAP, "the value must be a map of string to string but got \"eu\"; write e.g. map: {a: b}"));
    }

    @Test
    void entryWithoutValueInsideAMapOptionIsReportedAtItsPath() {
        assertThat(problems(withPartition("tenant", "options: {column: tenant_id, map: {eu: 3, us: }}"))).containsExactly(
                new ConfigProblem("partition.options.map.us", "(no value)", MAP, "write a value there, or remove the entry"));
    }

    @Test
    void optionsThatAreNotAMapAreRefused() {
        assertThat(problems(withPartition("tenant", "options: [tenant_id]"))).containsExactly(new ConfigProblem("partition.options",
                "a list [\"tenant_id\"]", "a map of the partition rule's options to their values",
                "write a map of key: value lines indented below the key, or inline like options: {column: tenant_id}"));
    }

    @Test
    void optionsOfAnUnknownModeAreNotAlsoReported() {
        List<ConfigProblem> problems = problems(withPartition("hash", "rules: [{tables: [shop.orders], mode: tenantt, options: {colum: x}}]"));

        assertThat(problems).containsExactly(new ConfigProblem("partition.rules[0].mode", "\"tenantt\"",
                "one of: hash, one_partition, tenant (or its alias one)", "did you mean 'tenant'?"));
    }

    @Test
    void optionsOfTheDefaultRuleAndOfEachRuleAreCheckedInOnePass() {
        List<ConfigProblem> problems = problems(withPartition("tenant", """
                options: {column: tenant_id, fallbak: one}
                rules:
                  - tables: [shop.orders]
                    mode: tenant
                  - tables: [shop.customers]
                    mode: hash
                    options: {column: id}
                """));

        assertThat(problems).extracting(ConfigProblem::path).containsExactly(
                "partition.options.fallbak", "partition.rules[0].options.column", "partition.rules[1].options.column");
    }
}
