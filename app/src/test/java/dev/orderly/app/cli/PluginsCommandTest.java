package dev.orderly.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.plugins.TestingPluginJar;
import dev.orderly.app.plugins.TestingRuleSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code orderly plugins} lists the rules it finds, sorted, and refuses a broken plugin directory with exit code 2. */
class PluginsCommandTest {

    @TempDir
    static Path built;

    private static Path moduloJar;

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void buildPlugin() {
        moduloJar = TestingPluginJar.builder().source("com.example.modulo.ModuloRule", TestingRuleSources.modulo("com.example.modulo.ModuloRule"))
                .providers("com.example.modulo.ModuloRule").writeTo(built.resolve("modulo-rule.jar"));
    }

    @Test
    void listsTheBuiltInRulesAndAPluginsRuleWithItsOptions() throws IOException {
        Path plugins = Files.createDirectories(directory.resolve("plugins"));
        Path jar = Files.copy(moduloJar, plugins.resolve("modulo-rule.jar"));

        int exit = execute("plugins", "--plugin-directory", plugins.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("""
                3 partition rules; plugin directory: %s

                hash (built-in)
                  guarantee:   per-key
                  description: hash of the sharding key: per-key order over all partitions (docs/HASH.md)
                  options:     none

                modulo (%s)
                  guarantee:   per-key
                  description: a numeric column modulo the partition count
                  options:
                    column  string, required    the numeric column that picks the partition
                    offset  integer, default 0  added to the value first

                one_partition (built-in)
                  guarantee:   total
                  description: every change to partition 0: total order, transactions whole and in commit order
                  options:     none
                """.formatted(plugins, jar));
    }

    @Test
    void withoutAPluginDirectoryListsTheBuiltInRules() {
        int exit = execute("plugins");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("2 partition rules; plugin directory: none\n\nhash (built-in)\n").contains("\none_partition (built-in)\n");
    }

    @Test
    void readsThePluginDirectoryOfAConfigurationFileAndNothingElse() throws IOException {
        Path plugins = Files.createDirectories(directory.resolve("plugins"));
        Files.copy(moduloJar, plugins.resolve("modulo-rule.jar"));
        // The rest of the file is not validated: an unset variable elsewhere does not matter here.
        Path config = Files.writeString(directory.resolve("config.yaml"), """
                plugin-directory: %s
                source:
                  password: ${UNSET_IN_THIS_TEST}
                partition:
                  mode: modulo
                """.formatted(plugins));

        int exit = execute("plugins", "--config", config.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("3 partition rules; plugin directory: " + plugins + "\n").contains("\nmodulo (" + plugins);
    }

    @Test
    void saysWhenTheConfigurationFileNamesNoPluginDirectory() throws IOException {
        Path config = Files.writeString(directory.resolve("config.yaml"), "partition:\n  mode: hash\n");

        int exit = execute("plugins", "-c", config.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("2 partition rules; plugin directory: none (" + config + " sets no plugin-directory)\n");
    }

    @Test
    void aLoadingProblemExitsWithTwoAndTheMessage() throws IOException {
        Path plugins = Files.createDirectories(directory.resolve("plugins"));
        Files.copy(moduloJar, plugins.resolve("a.jar"));
        Files.copy(moduloJar, plugins.resolve("b.jar"));

        int exit = execute("plugins", "--plugin-directory", plugins.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("partition rule 'modulo' is provided twice: by com.example.modulo.ModuloRule in " + plugins.resolve("a.jar")
                + " and by com.example.modulo.ModuloRule in " + plugins.resolve("b.jar")
                + "; remove one of the two plugins from the plugin directory, or give one rule another identifier\n");
    }

    @Test
    void anEnvironmentReferenceAsPluginDirectoryIsRefusedWithTheReason() throws IOException {
        Path config = Files.writeString(directory.resolve("config.yaml"), "plugin-directory: ${ORDERLY_PLUGINS}\n");

        int exit = execute("plugins", "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("plugin-directory: found \"${ORDERLY_PLUGINS}\"")
                .contains("is read before the rest of the file, before environment references are resolved");
    }

    @Test
    void aPluginDirectoryAndAConfigurationFileAreMutuallyExclusive() {
        int exit = execute("plugins", "--plugin-directory", "plugins", "--config", "config.yaml");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    private int execute(String... args) {
        return OrderlyCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
