package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordMaskingTest {

    private static final String SECRET = "hunter2-Secret";

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private InvalidConfigException failureWithPassword(String passwordLine) {
        // The mode problem makes the load fail even when the password itself is fine.
        return fixture.failure(ConfigFixture.VALID.replace("password: ${ORDERLY_SOURCE_PASSWORD}", passwordLine).replace("mode: hash", "mode: nope"),
                Map.of("ORDERLY_SOURCE_PASSWORD", SECRET), TestingConfigContext.builtIns());
    }

    @Test
    void passwordFromTheEnvironmentIsNeverInTheMessage() {
        assertThat(failureWithPassword("password: ${ORDERLY_SOURCE_PASSWORD}")).message().doesNotContain(SECRET);
    }

    @Test
    void passwordOfTheWrongTypeIsShownAsStars() {
        InvalidConfigException failure = failureWithPassword("password: [" + SECRET + "]");

        assertThat(failure).message().doesNotContain(SECRET);
        assertThat(failure.problems()).first().isEqualTo(new ConfigProblem("source.password", "***",
                "${NAME} (an environment variable) or ${file:/path} (the content of a file); \"\" only for a user without a password;"
                        + " never the password itself", "write a single value, not a list"));
    }

    @Test
    void unquotedNumericPasswordIsALiteralAndNotShown() {
        InvalidConfigException failure = failureWithPassword("password: 20240611");

        assertThat(failure).message().doesNotContain("20240611");
        assertThat(failure.problems()).first().extracting(ConfigProblem::found).isEqualTo("a literal value");
    }

    @Test
    void passwordOnALineWithASyntaxErrorIsNotQuoted() {
        InvalidConfigException failure = failureWithPassword("password: " + SECRET + ": more");

        assertThat(failure.problems()).singleElement().extracting(ConfigProblem::path).isEqualTo("(file)");
        assertThat(failure).message().doesNotContain(SECRET);
    }

    @Test
    void secretPassThroughSettingsAreShownAsStars() {
        String yaml = ConfigFixture.VALID.replace("user: cdc", "user: cdc\n  debezium:\n    database.ssl.keystore.password: [" + SECRET + "]")
                .replace("topic: shop.changes", "topic: shop.changes\n  producer:\n    sasl.jaas.config: {user: " + SECRET + "}");

        InvalidConfigException failure = fixture.failure(yaml);

        assertThat(failure).message().doesNotContain(SECRET);
        assertThat(failure.problems()).extracting(ConfigProblem::path, ConfigProblem::found).containsExactly(
                tuple("source.debezium.database.ssl.keystore.password", "***"),
                tuple("sink.producer.sasl.jaas.config", "***"));
    }

    @Test
    void loadedSettingsDoNotPrintThePassword() {
        assertThat(fixture.load(ConfigFixture.VALID, Map.of("ORDERLY_SOURCE_PASSWORD", SECRET), TestingConfigContext.builtIns()).toString())
                .doesNotContain(SECRET)
                .contains("password=***");
    }
}
