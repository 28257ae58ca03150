package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugin-directory}: optional, and an existing directory when written. */
class PluginDirectoryTest {

    private static final String ALLOWED = "an existing directory of plugin JARs";

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void relativeDirectoryIsResolvedAgainstTheWorkingDirectory() throws IOException {
        Path plugins = Files.createDirectories(directory.resolve("lib/plugins"));

        assertThat(fixture.load("plugin-directory: ./lib/x/../plugins\n" + ConfigFixture.VALID).pluginDirectory())
                .contains(plugins.toAbsolutePath());
    }

    @Test
    void noPluginDirectoryWhenNotWritten() {
        assertThat(fixture.load(ConfigFixture.VALID).pluginDirectory()).isEmpty();
        assertThat(fixture.load("plugin-directory:\n" + ConfigFixture.VALID).pluginDirectory()).isEmpty();
    }

    @Test
    void missingDirectoryIsToBeCreatedOrCorrected() {
        Path absolute = directory.toAbsolutePath();

        assertThat(fixture.problems("plugin-directory: ./plugins\n" + ConfigFixture.VALID)).containsExactly(new ConfigProblem("plugin-directory",
                "\"./plugins\"", ALLOWED, "create " + absolute.resolve("plugins") + " and put the plugin JARs in it, or correct the path"
                        + " (a relative path is resolved against " + absolute + ")"));
    }

    @Test
    void fileIsNotAPluginDirectory() throws IOException {
        Path jar = Files.createFile(directory.resolve("tenant-rule.jar")).toAbsolutePath();

        assertThat(fixture.problems("plugin-directory: " + jar + "\n" + ConfigFixture.VALID)).containsExactly(new ConfigProblem("plugin-directory",
                "\"" + jar + "\"", ALLOWED, jar + " is a file; name the directory that holds the plugin JARs instead"));
    }

    @Test
    void emptyPluginDirectoryIsRefused() {
        assertThat(fixture.problems("plugin-directory: ''\n" + ConfigFixture.VALID)).containsExactly(
                new ConfigProblem("plugin-directory", "\"\"", ALLOWED, "write a value; it must not be empty"));
    }
}
