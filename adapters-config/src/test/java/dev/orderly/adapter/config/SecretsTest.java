package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.InvalidConfigException;
import dev.orderly.ports.config.OrderlySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets come from the environment or from files, never from the configuration file itself, and no problem ever shows one. */
class SecretsTest {

    private static final String SECRET = "Tr0ub4dor&3-secret";
    private static final String SOURCE_ALLOWED = "${NAME} (an environment variable) or ${file:/path} (the content of a file); \"\" only for a"
            + " user without a password; never the password itself";

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void aPasswordWrittenIntoTheFileIsRefusedWithoutRepeatingIt() {
        InvalidConfigException failure = fixture.failure(ConfigFixture.VALID.replace("${ORDERLY_SOURCE_PASSWORD}", SECRET));

        assertThat(failure.problems()).containsExactly(new ConfigProblem("source.password", "a literal value", SOURCE_ALLOWED,
                "keep the secret out of the configuration file: export ORDERLY_SOURCE_PASSWORD=... and write ${ORDERLY_SOURCE_PASSWORD},"
                        + " or put it in a file only orderly's user can read (chmod 600) and write ${file:/path/to/that/file}"));
        assertThat(failure).message().doesNotContain(SECRET);
    }

    @Test
    void aReferenceWithTextAroundItOrWithADefaultIsStillALiteral() {
        assertThat(passwordProblems("\"x${ORDERLY_SOURCE_PASSWORD}\"")).singleElement().extracting(ConfigProblem::found).isEqualTo("a literal value");
        assertThat(passwordProblems("${UNSET:-" + SECRET + "}")).singleElement().extracting(ConfigProblem::found).isEqualTo("a literal value");
        assertThat(passwordProblems("$${ORDERLY_SOURCE_PASSWORD}")).singleElement().extracting(ConfigProblem::found).isEqualTo("a literal value");
        assertThat(passwordProblems("true")).singleElement().extracting(ConfigProblem::found).isEqualTo("a literal value");
    }

    @Test
    void theEmptyPasswordOfAUserWithoutOneIsAllowed() {
        assertThat(fixture.load(ConfigFixture.VALID.replace("${ORDERLY_SOURCE_PASSWORD}", "\"\"")).source().password()).isEmpty();
    }

    @Test
    void aFileReferenceGivesTheFilesContentWithoutTheTrailingLineBreak() throws IOException {
        Path secret = Files.writeString(directory.resolve("db-password"), SECRET + "\n");

        OrderlySettings settings = fixture.load(ConfigFixture.VALID.replace("${ORDERLY_SOURCE_PASSWORD}", "${file:" + secret + "}"));

        assertThat(settings.source().password()).isEqualTo(SECRET);
    }

    @Test
    void aRelativeFileReferenceIsResolvedAgainstTheWorkingDirectory() throws IOException {
        Files.createDirectories(directory.resolve("secrets"));
        Files.writeString(directory.resolve("secrets/db"), SECRET + "\r\n\n");

        OrderlySettings settings = fixture.load(ConfigFixture.VALID.replace("${ORDERLY_SOURCE_PASSWORD}", "${file:secrets/db}"));

        assertThat(settings.source().password()).isEqualTo(SECRET);
    }

    @Test
    void fileReferencesWorkInAnyValue() throws IOException {
        Files.writeString(directory.resolve("host"), "db1.internal\n");

        assertThat(fixture.load(ConfigFixture.VALID.replace("host: 127.0.0.1", "host: ${file:host}")).source().host()).isEqualTo("db1.internal");
    }

    @Test
    void aMissingSecretFileIsAProblemThatNamesTheFile() {
        Path missing = directory.resolve("no-such-secret");

        assertThat(passwordProblems("${file:" + missing + "}")).containsExactly(new ConfigProblem("source.password", "***",
                "${file:PATH} naming a readable file", missing + " does not exist: create the file or correct the path (a relative path is"
                        + " resolved against the directory orderly is started in)"));
    }

    @Test
    void aSecretFileThatIsADirectoryIsAProblem() {
        assertThat(passwordProblems("${file:" + directory + "}")).singleElement().extracting(ConfigProblem::fix).asString()
                .startsWith(directory + " cannot be read: it is a directory");
    }

    @Test
    void everySecretOfTheSinkAndTheSourceIsRefusedWhenWrittenIntoTheFile() throws IOException {
        Path truststore = Files.write(directory.resolve("kafka.p12"), new byte[] {1});
        Path sourceTruststore = Files.write(directory.resolve("db.jks"), new byte[] {1});
        String yaml = ConfigFixture.VALID
                .replace("  include: [shop.orders, shop.customers]\n", """
                          include: [shop.orders, shop.customers]
                          tls:
                            mode: verify-ca
                            truststore: %s
                            truststore-password: %s-1
                        """.formatted(sourceTruststore, SECRET))
                .replace("  topic: shop.changes\n", """
                          topic: shop.changes
                          tls:
                            truststore: %s
                            truststore-password: %s-2
                            keystore: %s
                            keystore-password: %s-3
                            key-password: %s-4
                          sasl:
                            mechanism: SCRAM-SHA-512
                            username: orderly
                            password: %s-5
                        """.formatted(truststore, SECRET, truststore, SECRET, SECRET, SECRET));

        InvalidConfigException failure = fixture.failure(yaml);

        assertThat(failure.problems()).extracting(ConfigProblem::path, ConfigProblem::found).containsExactly(
                tuple("source.tls.truststore-password", "a literal value"),
                tuple("sink.tls.truststore-password", "a literal value"),
                tuple("sink.tls.keystore-password", "a literal value"),
                tuple("sink.tls.key-password", "a literal value"),
                tuple("sink.sasl.password", "a literal value"));
        assertThat(failure.problems()).extracting(ConfigProblem::fix).allSatisfy(fix -> assertThat(fix).contains("export ORDERLY_"));
        assertThat(failure).message().doesNotContain(SECRET);
    }

    @Test
    void secretsReadFromTheEnvironmentAppearNeitherInProblemsNorInTheSettingsText() throws IOException {
        Path truststore = Files.write(directory.resolve("kafka.p12"), new byte[] {1});
        String yaml = ConfigFixture.VALID.replace("  topic: shop.changes\n", """
                  topic: shop.changes
                  tls:
                    truststore: %s
                    truststore-password: ${TRUST}
                  sasl:
                    mechanism: PLAIN
                    username: orderly
                    password: ${SASL}
                """.formatted(truststore));
        Map<String, String> environment = Map.of("ORDERLY_SOURCE_PASSWORD", SECRET + "-db", "TRUST", SECRET + "-trust", "SASL", SECRET + "-sasl");

        OrderlySettings settings = fixture.load(yaml, environment, TestingConfigContext.builtIns());
        InvalidConfigException failure = fixture.failure(yaml.replace("mode: hash", "mode: nope"), environment, TestingConfigContext.builtIns());

        assertThat(settings.sink().sasl().orElseThrow().password()).isEqualTo(SECRET + "-sasl");
        assertThat(settings.toString()).doesNotContain(SECRET).contains("password=***");
        assertThat(failure).message().doesNotContain(SECRET);
    }

    private java.util.List<ConfigProblem> passwordProblems(String written) {
        return fixture.problems(ConfigFixture.VALID.replace("${ORDERLY_SOURCE_PASSWORD}", written));
    }
}
