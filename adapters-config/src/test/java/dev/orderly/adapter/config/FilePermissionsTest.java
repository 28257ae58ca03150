package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration or secret file that other users can read or change is logged as a warning with the fix. */
class FilePermissionsTest {

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void aFileOnlyItsOwnerOrItsGroupCanReadGetsNoWarning() throws IOException {
        assertThat(FilePermissions.warning(file("rw-------"), "Configuration file")).isEmpty();
        assertThat(FilePermissions.warning(file("r--r-----"), "Configuration file")).isEmpty();
    }

    @Test
    void aFileEveryoneCanReadIsNamedWithItsModeAndTheFix() throws IOException {
        Path file = file("rw-r--r--");

        assertThat(FilePermissions.warning(file, "Configuration file")).contains("Configuration file " + file
                + " is not private: every user of this machine can read it (mode rw-r--r--). Fix: chmod 600 " + file);
    }

    @Test
    void aFileOthersCanChangeIsNamedToo() throws IOException {
        assertThat(FilePermissions.warning(file("rw-rw----"), "Secret file")).hasValueSatisfying(warning -> assertThat(warning)
                .contains("its group can change it (mode rw-rw----)"));
        assertThat(FilePermissions.warning(file("rw-r--rw-"), "Secret file")).hasValueSatisfying(warning -> assertThat(warning)
                .contains("every user of this machine can read and change it"));
    }

    @Test
    void loadingAReadableConfigurationLogsTheWarning() throws IOException {
        Path config = fixture.write(ConfigFixture.VALID);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

        CapturedLog log = CapturedLog.of(YamlConfigLoader.class);
        try (log) {
            new YamlConfigLoader(directory).load(config, ConfigFixture.ENVIRONMENT, TestingConfigContext.builtIns());
        }

        assertThat(log.warnings()).containsExactly("Configuration file " + config + " is not private: every user of this machine can read it"
                + " (mode rw-r--r--). Fix: chmod 600 " + config);
    }

    @Test
    void loadingAPrivateConfigurationWithAReadableSecretFileWarnsAboutTheSecretFileOnly() throws IOException {
        Path secret = Files.writeString(directory.resolve("db-password"), "s3cret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Path config = fixture.write(ConfigFixture.VALID.replace("${ORDERLY_SOURCE_PASSWORD}", "${file:" + secret + "}"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

        CapturedLog log = CapturedLog.of(YamlConfigLoader.class);
        try (log) {
            new YamlConfigLoader(directory).load(config, ConfigFixture.ENVIRONMENT, TestingConfigContext.builtIns());
        }

        assertThat(log.warnings()).singleElement().asString().startsWith("Secret file " + secret + " is not private").doesNotContain("s3cret");
    }

    private Path file(String mode) throws IOException {
        Path file = Files.createTempFile(directory, "perm", ".yaml");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
