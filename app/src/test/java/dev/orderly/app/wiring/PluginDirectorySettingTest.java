package dev.orderly.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.ports.config.InvalidConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first pass over the configuration file: only {@code plugin-directory}, leniently about the rest. */
class PluginDirectorySettingTest {

    @TempDir
    Path directory;

    @Test
    void aRelativeDirectoryIsResolvedAgainstTheWorkingDirectory() throws IOException {
        Path config = Files.writeString(directory.resolve("config.yaml"), "plugin-directory: ./plugins/../lib/plugins\npartition:\n  mode: modulo\n");

        assertThat(PluginDirectorySetting.read(config, directory.resolve("work"))).contains(directory.resolve("work/lib/plugins"));
    }

    @Test
    void anAbsoluteDirectoryIsKept() throws IOException {
        Path config = Files.writeString(directory.resolve("config.yaml"), "plugin-directory: /opt/orderly/plugins\n");

        assertThat(PluginDirectorySetting.read(config, directory)).contains(Path.of("/opt/orderly/plugins"));
    }

    @Test
    void aFileWithoutTheKeyOrThatIsNotYamlGivesNoneAndLeavesItsProblemsToTheFullValidation() throws IOException {
        Path withoutKey = Files.writeString(directory.resolve("without.yaml"), "partition:\n  mode: hash\n");
        Path broken = Files.writeString(directory.resolve("broken.yaml"), "partition:\n\tmode: [hash\n");
        Path list = Files.writeString(directory.resolve("list.yaml"), "- a\n- b\n");

        assertThat(PluginDirectorySetting.read(withoutKey, directory)).isEmpty();
        assertThat(PluginDirectorySetting.read(broken, directory)).isEmpty();
        assertThat(PluginDirectorySetting.read(list, directory)).isEmpty();
    }

    @Test
    void aValueThatIsNotALiteralPathIsAProblemOfTheKey() throws IOException {
        Path list = Files.writeString(directory.resolve("list.yaml"), "plugin-directory: [a, b]\n");
        Path empty = Files.writeString(directory.resolve("empty.yaml"), "plugin-directory:\n");
        Path reference = Files.writeString(directory.resolve("reference.yaml"), "plugin-directory: ${PLUGINS:-/opt/plugins}\n");

        assertThatThrownBy(() -> PluginDirectorySetting.read(list, directory)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("plugin-directory: found '[\"a\",\"b\"]'; allowed: a directory path written literally");
        assertThatThrownBy(() -> PluginDirectorySetting.read(empty, directory)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("plugin-directory: found nothing;");
        assertThatThrownBy(() -> PluginDirectorySetting.read(reference, directory)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("plugin-directory: found \"${PLUGINS:-/opt/plugins}\"");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = directory.resolve("nope.yaml");

        assertThatThrownBy(() -> PluginDirectorySetting.read(missing, directory)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("Configuration file " + missing + " does not exist");
    }
}
