package dev.orderly.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default plugin directory that {@code bin/orderly} of the distribution names with the system
 * property {@value PluginDirectorySetting#DEFAULT_DIRECTORY_PROPERTY}: used when the configuration
 * file sets none, never over a directory the file names.
 */
class DefaultPluginDirectoryTest {

    @TempDir
    Path directory;

    @AfterEach
    void clearProperty() {
        System.clearProperty(PluginDirectorySetting.DEFAULT_DIRECTORY_PROPERTY);
    }

    @Test
    void aFileWithoutTheKeyGetsTheDefaultDirectory() throws IOException {
        Path plugins = Files.createDirectories(directory.resolve("home/plugins"));
        System.setProperty(PluginDirectorySetting.DEFAULT_DIRECTORY_PROPERTY, directory.resolve("home/bin/../plugins").toString());
        Path withoutKey = Files.writeString(directory.resolve("without.yaml"), "partition:\n  mode: hash\n");

        assertThat(PluginDirectorySetting.read(withoutKey, directory.resolve("work"))).contains(plugins);
        assertThat(PluginDirectorySetting.defaultDirectory()).contains(plugins);
    }

    @Test
    void aDirectoryWrittenInTheFileWinsOverTheDefault() throws IOException {
        Files.createDirectories(directory.resolve("home/plugins"));
        System.setProperty(PluginDirectorySetting.DEFAULT_DIRECTORY_PROPERTY, directory.resolve("home/plugins").toString());
        Path config = Files.writeString(directory.resolve("config.yaml"), "plugin-directory: /srv/orderly/plugins\n");

        assertThat(PluginDirectorySetting.read(config, directory)).contains(Path.of("/srv/orderly/plugins"));
    }

    @Test
    void aDefaultDirectoryThatDoesNotExistOrNoPropertyMeansBuiltInsOnly() throws IOException {
        Path withoutKey = Files.writeString(directory.resolve("without.yaml"), "partition:\n  mode: hash\n");

        assertThat(PluginDirectorySetting.read(withoutKey, directory)).isEmpty();
        System.setProperty(PluginDirectorySetting.DEFAULT_DIRECTORY_PROPERTY, directory.resolve("removed-plugins").toString());
        assertThat(PluginDirectorySetting.read(withoutKey, directory)).isEmpty();
        assertThat(PluginDirectorySetting.defaultDirectory()).isEmpty();
    }
}
