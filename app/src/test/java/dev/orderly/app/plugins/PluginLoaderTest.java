package dev.orderly.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.ports.spi.PartitionInput;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading partition rules from a plugin directory: isolation, order, and the errors an operator sees. */
class PluginLoaderTest {

    private static final PluginLoader LOADER = PluginLoader.forApplication();

    @TempDir
    static Path built;

    private static Path moduloJar;
    private static Path probeJar;

    @TempDir
    Path plugins;

    @BeforeAll
    static void buildPlugins() {
        moduloJar = TestingPluginJar.builder().source("com.example.modulo.ModuloRule", TestingRuleSources.modulo("com.example.modulo.ModuloRule"))
                .providers("com.example.modulo.ModuloRule").writeTo(built.resolve("modulo-rule.jar"));
        probeJar = TestingPluginJar.builder().source("com.example.probe.ProbeRule", TestingRuleSources.probe("com.example.probe.ProbeRule"))
                .providers("com.example.probe.ProbeRule").writeTo(built.resolve("probe-rule.jar"));
    }

    @Test
    void withoutAPluginDirectoryOnlyTheBuiltInRulesAreLoaded() {
        try (PartitionRules rules = LOADER.load(Optional.empty())) {
            assertThat(rules.list()).extracting(LoadedRule::toString).containsExactly("hash (built-in)", "one_partition (built-in)");
            assertThat(rules.pluginDirectory()).isEmpty();
        }
    }

    @Test
    void aPluginJarLoadsInItsOwnClassLoaderAndItsRuleWorks() throws IOException {
        Path jar = Files.copy(moduloJar, plugins.resolve("modulo-rule.jar"));

        try (PartitionRules rules = LOADER.load(Optional.of(plugins))) {
            LoadedRule modulo = rules.lookup("modulo");
            PartitionRulePort factory = modulo.factory();

            assertThat(modulo.origin()).isEqualTo(RuleOrigin.plugin(jar));
            assertThat(factory.guarantee()).isEqualTo(OrderingGuarantee.PER_KEY);
            assertThat(factory.getClass().getClassLoader().getParent()).isInstanceOf(SharedPackagesClassLoader.class);
            assertThat(factory.create(RuleOptions.validate(factory, Map.of("column", "customer_id"))).partition(order(7, 4))).isEqualTo(3);
            assertThat(factory.create(RuleOptions.validate(factory, Map.of("column", "customer_id", "offset", 2))).partition(order(7, 4))).isEqualTo(1);
            assertThat(rules.identifiers()).containsExactly("hash", "modulo", "one_partition");
        }
    }

    @Test
    void aSubdirectoryIsOnePluginOverAllItsJars() {
        Path regions = plugins.resolve("regions");
        Path library = TestingPluginJar.builder().source("com.example.regions.lib.Regions", """
                package com.example.regions.lib;

                public final class Regions {
                    public static int indexOf(String region) {
                        return switch (region) {
                            case "eu" -> 1;
                            case "us" -> 2;
                            default -> 0;
                        };
                    }
                }
                """).writeTo(regions.resolve("regions-lib.jar"));
        Path rule = TestingPluginJar.builder().classPath(library)
                .source("com.example.regions.RegionRule", TestingRuleSources.rule("com.example.regions.RegionRule", "region", "PER_TABLE",
                        "com.example.regions.lib.Regions.indexOf((String) input.change().latestImage().get(\"region\")) % input.partitionCount()"))
                .providers("com.example.regions.RegionRule").writeTo(regions.resolve("regions-rule.jar"));

        try (PartitionRules rules = LOADER.load(Optional.of(plugins))) {
            LoadedRule region = rules.lookup("region");

            assertThat(region.origin()).isEqualTo(RuleOrigin.plugin(rule));
            assertThat(region.factory().create(RuleOptions.none()).partition(input(Map.of("id", 1L, "region", "us"), 8))).isEqualTo(2);
        }
    }

    @Test
    void pluginsLoadInFileNameOrderAndListSortedByIdentifier() throws IOException {
        // Written in an order unlike both the file-name and the identifier order.
        writeRule(plugins.resolve("c-rule.jar"), "com.example.c.CRule", "alpha");
        writeRule(plugins.resolve("a-rule.jar"), "com.example.a.ARule", "zulu");
        writeRule(plugins.resolve("b-rules").resolve("b-rule.jar"), "com.example.b.BRule", "mike");
        Files.writeString(plugins.resolve("README.txt"), "not a plugin");

        List<String> first;
        try (PartitionRules rules = LOADER.load(Optional.of(plugins))) {
            first = rules.list().stream().map(LoadedRule::toString).toList();
        }
        try (PartitionRules rules = LOADER.load(Optional.of(plugins))) {
            assertThat(rules.list()).extracting(LoadedRule::toString).isEqualTo(first);
        }
        assertThat(first).containsExactly(
                "alpha (" + plugins.resolve("c-rule.jar") + ")",
                "hash (built-in)",
                "mike (" + plugins.resolve("b-rules/b-rule.jar") + ")",
                "one_partition (built-in)",
                "zulu (" + plugins.resolve("a-rule.jar") + ")");
    }

    @Test
    void aDuplicateIdentifierNamesBothProvidersAndFilesInLoadingOrder() {
        writeRule(plugins.resolve("b.jar"), "com.example.b.TableRule", "table");
        writeRule(plugins.resolve("a.jar"), "com.example.a.OtherRule", "table");

        assertThatThrownBy(() -> LOADER.load(Optional.of(plugins)))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessage("partition rule 'table' is provided twice: by com.example.a.OtherRule in " + plugins.resolve("a.jar")
                        + " and by com.example.b.TableRule in " + plugins.resolve("b.jar")
                        + "; remove one of the two plugins from the plugin directory, or give one rule another identifier");
    }

    @Test
    void aPluginCannotReplaceABuiltInRule() {
        writeRule(plugins.resolve("my-hash.jar"), "com.example.MyHash", "hash");

        assertThatThrownBy(() -> LOADER.load(Optional.of(plugins)))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageStartingWith("partition rule 'hash' is provided twice: by dev.orderly.plugin.builtin.HashRule (built-in) and by"
                        + " com.example.MyHash in " + plugins.resolve("my-hash.jar"));
    }

    @Test
    void aPluginSeesTheJdkPortsAndDomainButNothingElseOfOrderly() throws IOException {
        Files.copy(probeJar, plugins.resolve("probe-rule.jar"));
        List<String> hidden = List.of("dev.orderly.app.plugins.PluginLoader", "dev.orderly.app.wiring.Orderly", "dev.orderly.adapter.config.YamlConfigLoader",
                "dev.orderly.plugin.builtin.HashRule", "com.fasterxml.jackson.databind.ObjectMapper", "org.apache.kafka.clients.producer.KafkaProducer",
                "org.slf4j.Logger", "com.google.inject.Guice");
        for (String className : hidden) {
            assertThat(canLoad(getClass().getClassLoader(), className)).as("%s is on the test's class path", className).isTrue();
        }

        try (PartitionRules rules = LOADER.load(Optional.of(plugins))) {
            PartitionRulePort probe = rules.lookup("probe").factory();

            for (String className : List.of("dev.orderly.ports.spi.RuleOptions", "dev.orderly.ports.config.OrderlySettings",
                    "dev.orderly.domain.change.TableId", "java.util.List", "java.sql.Connection", "javax.crypto.Cipher")) {
                assertThat(probe(probe, "class-name", className)).as("the plugin loads %s", className).isEqualTo(1);
            }
            for (String className : hidden) {
                assertThat(probe(probe, "class-name", className)).as("the plugin cannot load %s", className).isZero();
            }
            // Only its own services file, none of orderly's: a plugin's ServiceLoader finds only its own providers.
            assertThat(probe(probe, "resource", "META-INF/services/dev.orderly.ports.spi.PartitionRulePort")).isEqualTo(1);
            assertThat(probe(probe, "resource", "META-INF/services/dev.orderly.ports.MessageFormatPort")).isZero();
            assertThat(probe(probe, "resource", "logback.xml")).isZero();
            assertThat(probe(probe, "resource", "dev/orderly/ports/spi/PartitionRulePort.class")).isEqualTo(1);
        }
    }

    @Test
    void pluginsDoNotSeeEachOther() {
        String shared = """
                package com.example.shared;

                public final class Version {
                    public static int number() {
                        return %d;
                    }
                }
                """;
        for (int version : new int[] {1, 2}) {
            TestingPluginJar.builder().source("com.example.shared.Version", shared.formatted(version))
                    .source("com.example.v" + version + ".Rule", TestingRuleSources.rule("com.example.v" + version + ".Rule", "v" + version, "TOTAL",
                            "com.example.shared.Version.number()"))
                    .providers("com.example.v" + version + ".Rule").writeTo(plugins.resolve("v" + version + ".jar"));
        }

        try (PartitionRules rules = LOADER.load(Optional.of(plugins))) {
            assertThat(rules.lookup("v1").factory().create(RuleOptions.none()).partition(order(1, 4))).isEqualTo(1);
            assertThat(rules.lookup("v2").factory().create(RuleOptions.none()).partition(order(1, 4))).isEqualTo(2);
        }
    }

    @Test
    void aLibraryThePluginDoesNotBundleFailsNamingTheClassTheJarAndTheCause() {
        Path jar = TestingPluginJar.builder()
                .compileOnly("com.fasterxml.jackson.databind.ObjectMapper", """
                        package com.fasterxml.jackson.databind;

                        public class ObjectMapper {
                        }
                        """)
                .source("com.example.json.JsonRule", TestingRuleSources.rule("com.example.json.JsonRule", "json-key", "PER_KEY", "0")
                        .replace("public final class JsonRule implements PartitionRulePort {",
                                "public final class JsonRule implements PartitionRulePort {\n"
                                        + "    private final Object mapper = new com.fasterxml.jackson.databind.ObjectMapper();"))
                .providers("com.example.json.JsonRule")
                .writeTo(plugins.resolve("json-rule.jar"));

        assertThatThrownBy(() -> LOADER.load(Optional.of(plugins)))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessage("cannot load a partition rule from " + jar + ": Provider com.example.json.JsonRule could not be instantiated:"
                        + " java.lang.NoClassDefFoundError: com/fasterxml/jackson/databind/ObjectMapper; caused by java.lang.ClassNotFoundException:"
                        + " com.fasterxml.jackson.databind.ObjectMapper. Note: " + PluginFailure.BUNDLE_HINT);
    }

    @Test
    void aJarWithoutPartitionRuleProvidersSaysWhatItContains() {
        Path formatOnly = TestingPluginJar.builder().source("com.example.Nothing", "package com.example; public final class Nothing {}")
                .resource("META-INF/services/dev.orderly.ports.MessageFormatPort", "com.example.Nothing\n")
                .writeTo(plugins.resolve("format-only.jar"));
        Path empty = TestingPluginJar.builder().source("com.example.Empty", "package com.example; public final class Empty {}")
                .writeTo(plugins.resolve("nothing.jar"));

        assertThatThrownBy(() -> LOADER.load(Optional.of(plugins)))
                .isInstanceOf(PluginLoadingException.class)
                .satisfies(failure -> assertThat(((PluginLoadingException) failure).problems()).containsExactly(
                        "No service providers of type dev.orderly.ports.spi.PartitionRulePort in " + formatOnly
                                + "; it contains: META-INF/services/dev.orderly.ports.MessageFormatPort. Add META-INF/services/"
                                + "dev.orderly.ports.spi.PartitionRulePort naming the plugin's PartitionRulePort class, one per line",
                        "No service providers of type dev.orderly.ports.spi.PartitionRulePort in " + empty
                                + "; it contains: none. Add META-INF/services/dev.orderly.ports.spi.PartitionRulePort naming the plugin's"
                                + " PartitionRulePort class, one per line"))
                .hasMessageStartingWith("Partition rules cannot be loaded; 2 problems:");
    }

    @Test
    void aProviderClassThatDoesNotExistIsNamed() {
        Path jar = TestingPluginJar.builder().source("com.example.RealRule", TestingRuleSources.rule("com.example.RealRule", "real", "TOTAL", "0"))
                .providers("com.example.RealRul").writeTo(plugins.resolve("typo.jar"));

        assertThatThrownBy(() -> LOADER.load(Optional.of(plugins)))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessage("cannot load a partition rule from " + jar + ": Provider com.example.RealRul not found. Check the class names in"
                        + " META-INF/services/dev.orderly.ports.spi.PartitionRulePort and that each class implements PartitionRulePort and has a"
                        + " public no-argument constructor");
    }

    @Test
    void anIdentifierUsersCannotWriteIsRefused() {
        Path jar = writeRule(plugins.resolve("bad-name.jar"), "com.example.BadName", "Table Rule");

        assertThatThrownBy(() -> LOADER.load(Optional.of(plugins)))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessage("partition rule identifier 'Table Rule' of com.example.BadName in " + jar
                        + " must match [a-z0-9_-]+ (lower-case letters, digits, '_' and '-'); rename it, e.g. 'table_rule'");
    }

    @Test
    void aMissingPluginDirectoryIsNamed() {
        Path missing = plugins.resolve("no-such-directory");

        assertThatThrownBy(() -> LOADER.load(Optional.of(missing)))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessage("plugin directory " + missing + " does not exist; create it and put plugin JARs in it, or remove plugin-directory"
                        + " from the configuration");
    }

    @Test
    void aSubdirectoryWithoutJarsIsNamedWithWhatItHolds() throws IOException {
        Path geo = Files.createDirectories(plugins.resolve("geo"));
        Files.writeString(geo.resolve("geo-rule.zip"), "zipped by mistake");

        assertThatThrownBy(() -> LOADER.load(Optional.of(plugins)))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessage("plugin directory " + geo + " has no JAR files; it contains: geo-rule.zip. Put the plugin's JAR and the JARs it needs"
                        + " directly in it, or remove the directory");
    }

    @Test
    void lookingUpAnUnknownRuleListsEveryRuleAndItsOrigin() throws IOException {
        Path jar = writeRule(plugins.resolve("orderly-table-rule.jar"), "com.example.TableRule", "table");

        try (PartitionRules rules = LOADER.load(Optional.of(plugins))) {
            assertThatThrownBy(() -> rules.lookup("x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no partition rule named 'x'; found: hash (built-in), one_partition (built-in), table (" + jar + ")");
        }
    }

    private static Path writeRule(Path jar, String className, String identifier) {
        return TestingPluginJar.builder().source(className, TestingRuleSources.rule(className, identifier, "PER_TABLE", "0"))
                .providers(className).writeTo(jar);
    }

    private static int probe(PartitionRulePort probe, String option, String value) {
        return probe.create(RuleOptions.validate(probe, Map.of(option, value))).partition(order(1, 100));
    }

    private static boolean canLoad(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** An insert into shop.orders with the given customer. */
    private static PartitionInput order(long customerId, int partitionCount) {
        return input(Map.of("id", 1L, "customer_id", customerId), partitionCount);
    }

    private static PartitionInput input(Map<String, Object> row, int partitionCount) {
        TableId table = TableId.parse("shop.orders");
        ChangeEvent change = ChangeEvent.insert(table, Row.of(row), Map.of());
        ShardingColumns columns = new ShardingColumns(table, List.of("id"), ShardingColumns.Origin.PRIMARY_KEY);
        TableKeys keys = new TableKeys(table, List.copyOf(row.keySet()), Set.of(), List.of("id"), List.of());
        return new PartitionInput(change, columns.keyOf(change.after()), columns, keys, partitionCount);
    }
}
