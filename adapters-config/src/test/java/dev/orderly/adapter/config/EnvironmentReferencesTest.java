package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.OrderlySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentReferencesTest {

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void referencesAreReplacedFromTheGivenEnvironment() {
        String yaml = ConfigFixture.VALID
                .replace("host: 127.0.0.1", "host: ${DB_HOST}\n  port: ${DB_PORT:-3306}")
                .replace("server-id: 5401", "server-id: ${SERVER_ID}")
                .replace("topic: shop.changes", "topic: shop.changes\n  producer:\n    client.id: orderly-${DB_HOST}");

        OrderlySettings settings = fixture.load(yaml, Map.of("ORDERLY_SOURCE_PASSWORD", "pw", "DB_HOST", "db1", "SERVER_ID", "77"),
                TestingConfigContext.builtIns());

        assertThat(settings.source().host()).isEqualTo("db1");
        assertThat(settings.source().port()).isEqualTo(3306);
        assertThat(settings.source().serverId()).isEqualTo(77);
        assertThat(settings.source().password()).isEqualTo("pw");
        assertThat(settings.sink().producerProperties()).containsEntry("client.id", "orderly-db1");
    }

    @Test
    void unsetVariableWithoutDefaultIsAProblemAtItsPath() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID.replace("host: 127.0.0.1", "host: ${DB_HOST}"), ConfigFixture.ENVIRONMENT);

        assertThat(problems).containsExactly(
                new ConfigProblem("source.host", "\"${DB_HOST}\"", "a set environment variable", "export DB_HOST=... or write the value"));
    }

    @Test
    void unsetPasswordVariableIsNamedInTheFixButNotShownAsFound() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID, Map.of());

        assertThat(problems).containsExactly(
                new ConfigProblem("source.password", "***", "a set environment variable", "export ORDERLY_SOURCE_PASSWORD=... or write the value"));
    }

    @Test
    void substitutedValueIsCheckedAndShownWithItsReference() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID.replace("user: cdc", "user: cdc\n  port: ${DB_PORT}"),
                Map.of("ORDERLY_SOURCE_PASSWORD", "pw", "DB_PORT", "33o6"));

        assertThat(problems).singleElement().extracting(ConfigProblem::found).isEqualTo("\"33o6\" (from \"${DB_PORT}\")");
    }

    @Test
    void unclosedReferenceIsAProblem() {
        assertThat(fixture.problems(ConfigFixture.VALID.replace("user: cdc", "user: ${DB_USER"))).containsExactly(new ConfigProblem("source.user",
                "\"${DB_USER\"", "${NAME} or ${NAME:-default}, closed with }", "close the reference with }, or write $${ for a literal ${"));
    }
}
