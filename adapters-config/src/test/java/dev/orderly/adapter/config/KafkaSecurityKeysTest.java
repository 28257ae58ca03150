package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.KafkaSasl;
import dev.orderly.ports.config.KafkaTls;
import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.KeyStoreType;
import dev.orderly.ports.config.SaslMechanism;
import dev.orderly.ports.config.SinkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sink.tls} and {@code sink.sasl}. */
class KafkaSecurityKeysTest {

    @TempDir
    Path directory;

    private ConfigFixture fixture;
    private final Map<String, String> environment = new HashMap<>(ConfigFixture.ENVIRONMENT);

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
        environment.putAll(Map.of("TRUST", "trust-pw", "KEYS", "keys-pw", "KEY", "key-pw", "SASL", "sasl-pw"));
    }

    @Test
    void withoutTlsAndSaslTheSinkIsPlaintext() {
        SinkSettings sink = fixture.load(ConfigFixture.VALID).sink();

        assertThat(sink.tls()).isEmpty();
        assertThat(sink.sasl()).isEmpty();
    }

    @Test
    void anEmptyTlsSectionTurnsTlsOnWithTheJvmsDefaultTrust() {
        assertThat(sink("  tls: {}\n").tls()).contains(KafkaTls.DEFAULT_TRUST);
        assertThat(sink("  tls:\n    # truststore: ./kafka.p12\n").tls()).contains(KafkaTls.DEFAULT_TRUST);
    }

    @Test
    void everyTlsKeyIsRead() throws IOException {
        Path truststore = store("truststore.jks");
        Path keystore = store("orderly.p12");

        KafkaTls tls = sink("""
                  tls:
                    truststore: %s
                    truststore-password: ${TRUST}
                    keystore: %s
                    keystore-password: ${KEYS}
                    key-password: ${KEY}
                """.formatted(truststore, keystore)).tls().orElseThrow();

        assertThat(tls).isEqualTo(new KafkaTls(Optional.of(new KeyStoreFile(truststore, KeyStoreType.JKS, "trust-pw")),
                Optional.of(new KeyStoreFile(keystore, KeyStoreType.PKCS12, "keys-pw")), "key-pw"));
        assertThat(tls.toString()).doesNotContain("-pw");
    }

    @Test
    void theStoreTypeFollowsTheExtensionUnlessWritten() throws IOException {
        assertThat(truststoreType("ca.pem", "")).isEqualTo(KeyStoreType.PEM);
        assertThat(truststoreType("ca.crt", "")).isEqualTo(KeyStoreType.PEM);
        assertThat(truststoreType("trust.pfx", "")).isEqualTo(KeyStoreType.PKCS12);
        assertThat(truststoreType("trust.store", "\n    truststore-type: JKS")).isEqualTo(KeyStoreType.JKS);
    }

    @Test
    void aRelativeStorePathIsResolvedAgainstTheWorkingDirectory() throws IOException {
        store("truststore.p12");

        assertThat(sink("  tls:\n    truststore: ./truststore.p12\n").tls().orElseThrow().truststore().orElseThrow().path())
                .isEqualTo(directory.resolve("truststore.p12"));
    }

    @Test
    void storeProblemsAreReportedTogether() throws IOException {
        Path pem = store("ca.pem");
        Path missing = directory.resolve("missing.p12");

        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID.replace("  topic: shop.changes\n", """
                  topic: shop.changes
                  tls:
                    truststore: %s
                    truststore-password: ${TRUST}
                    keystore: %s
                    keystore-type: PEM
                    key-password: ${KEY}
                """.formatted(pem, missing)), environment);

        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::fix).containsExactly(
                tuple("sink.tls.truststore-password", "remove truststore-password: Kafka reads PEM certificates without a password"),
                tuple("sink.tls.keystore", missing + " does not exist: correct the path (a relative path is resolved against " + directory + ")"),
                tuple("sink.tls.keystore-type", "write one of the allowed values, e.g. keystore-type: PKCS12"),
                tuple("sink.tls.keystore-password", "add 'keystore-password: ${ORDERLY_SINK_TLS_KEYSTORE_PASSWORD}' under sink.tls:"));
    }

    @Test
    void aPasswordOrTypeWithoutItsStoreIsAProblem() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID.replace("  topic: shop.changes\n", """
                  topic: shop.changes
                  tls:
                    truststore-type: JKS
                    key-password: ${KEY}
                """), environment);

        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::allowed).containsExactly(
                tuple("sink.tls.truststore-type", "only together with truststore"),
                tuple("sink.tls.key-password", "only together with keystore"));
    }

    @Test
    void saslIsReadWithEachMechanism() {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            SinkSettings sink = sink("""
                      tls: {}
                      sasl:
                        mechanism: %s
                        username: orderly
                        password: ${SASL}
                    """.formatted(mechanism.configValue()));

            assertThat(sink.sasl()).contains(new KafkaSasl(mechanism, "orderly", "sasl-pw"));
        }
    }

    @Test
    void saslProblemsNameTheMechanismsAndMissingKeys() {
        List<ConfigProblem> problems = fixture.problems(ConfigFixture.VALID.replace("  topic: shop.changes\n", """
                  topic: shop.changes
                  sasl:
                    mechanism: SCRAM-SHA-1
                    password: ""
                """), environment);

        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::allowed).containsExactly(
                tuple("sink.sasl.mechanism", "one of: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512"),
                tuple("sink.sasl.username", "a non-empty Kafka user name"),
                tuple("sink.sasl.password", "${NAME} (an environment variable) or ${file:/path} (the content of a file); never the secret itself"));
    }

    @Test
    void anEmptySaslSectionAsksForItsKeys() {
        assertThat(fixture.problems(ConfigFixture.VALID.replace("  topic: shop.changes\n", "  topic: shop.changes\n  sasl:\n"), environment))
                .singleElement().extracting(ConfigProblem::fix)
                .isEqualTo("write at least mechanism, username and password indented below 'sasl:'; config/example.yaml shows them");
    }

    @Test
    void saslWithoutTlsIsAllowedWithAWarning() {
        CapturedLog log = CapturedLog.of(YamlConfigLoader.class);
        try (log) {
            SinkSettings sink = sink("""
                      sasl:
                        mechanism: PLAIN
                        username: orderly
                        password: ${SASL}
                    """);

            assertThat(sink.sasl()).isPresent();
            assertThat(sink.tls()).isEmpty();
        }
        assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("sink.sasl is set without sink.tls")
                .contains("SASL_PLAINTEXT")
                .contains("and so does the password (mechanism PLAIN)")
                .contains("Add 'tls: {}' under sink:")
                .doesNotContain("sasl-pw"));
    }

    private SinkSettings sink(String sinkKeys) {
        return fixture.load(ConfigFixture.VALID.replace("  topic: shop.changes\n", "  topic: shop.changes\n" + sinkKeys), environment,
                TestingConfigContext.builtIns()).sink();
    }

    private KeyStoreType truststoreType(String file, String moreKeys) throws IOException {
        Path store = store(file);
        return sink("  tls:\n    truststore: " + store + moreKeys + "\n").tls().orElseThrow().truststore().orElseThrow().type();
    }

    private Path store(String name) throws IOException {
        return Files.write(directory.resolve(name), new byte[] {1, 2, 3});
    }
}
