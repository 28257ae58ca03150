package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.KeyStoreType;
import dev.orderly.ports.config.SourceTls;
import dev.orderly.ports.config.SourceTlsMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code source.tls}. */
class SourceTlsKeysTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("ORDERLY_SOURCE_PASSWORD", "pw", "TRUST", "trust-pw");

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void withoutTheSectionEachDatabaseGetsItsDriversDefault() {
        assertThat(tls("mysql", "")).isEqualTo(new SourceTls(SourceTlsMode.PREFERRED, Optional.empty()));
        assertThat(tls("mariadb", "")).isEqualTo(new SourceTls(SourceTlsMode.DISABLED, Optional.empty()));
        assertThat(tls("mariadb", "  tls:\n")).isEqualTo(new SourceTls(SourceTlsMode.DISABLED, Optional.empty()));
    }

    @Test
    void everyModeIsRead() {
        for (SourceTlsMode mode : SourceTlsMode.values()) {
            assertThat(tls("mysql", "  tls:\n    mode: " + mode.configValue() + "\n").mode()).isEqualTo(mode);
        }
    }

    @Test
    void aTruststoreChecksTheServerCertificate() throws IOException {
        Path truststore = Files.write(directory.resolve("db-ca.p12"), new byte[] {1});

        SourceTls tls = tls("mariadb", "  tls:\n    mode: verify-identity\n    truststore: " + truststore + "\n    truststore-password: ${TRUST}\n");

        assertThat(tls).isEqualTo(new SourceTls(SourceTlsMode.VERIFY_IDENTITY, Optional.of(new KeyStoreFile(truststore, KeyStoreType.PKCS12, "trust-pw"))));
    }

    @Test
    void mariaDbHasNoPreferredMode() {
        assertThat(problems("mariadb", "  tls:\n    mode: preferred\n")).containsExactly(new ConfigProblem("source.tls.mode", "\"preferred\"",
                "for mariadb: disabled, required, verify-ca or verify-identity", "MariaDB's connector cannot fall back to an unencrypted connection:"
                        + " write required (encrypted, the certificate not checked), verify-ca or verify-identity (the certificate checked), or disabled"));
    }

    @Test
    void aTruststoreWithAModeThatChecksNoCertificateIsAProblem() throws IOException {
        Path truststore = Files.write(directory.resolve("db-ca.jks"), new byte[] {1});

        assertThat(problems("mysql", "  tls:\n    mode: required\n    truststore: " + truststore + "\n")).singleElement()
                .extracting(ConfigProblem::path, ConfigProblem::allowed)
                .containsExactly("source.tls.truststore", "a truststore only with mode verify-ca or verify-identity");
    }

    @Test
    void aPemTruststoreIsRefusedWithTheCommandThatConvertsIt() throws IOException {
        Path pem = Files.writeString(directory.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        assertThat(problems("mysql", "  tls:\n    mode: verify-ca\n    truststore: " + pem + "\n")).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("source.tls.truststore");
            assertThat(problem.fix()).startsWith("import the PEM certificate into a PKCS12 truststore: keytool -importcert");
        });
    }

    @Test
    void anUnknownModeIsNamedBesideTheModes() {
        assertThat(problems("mysql", "  tls:\n    mode: verify_ca\n")).singleElement()
                .extracting(ConfigProblem::allowed, ConfigProblem::fix)
                .containsExactly("one of: disabled, preferred, required, verify-ca, verify-identity (default preferred for mysql, disabled for"
                        + " mariadb; preferred is MySQL's only)", "did you mean 'verify-ca'?");
    }

    @Test
    void debeziumsPasswordAndTlsPropertiesAreRefusedInFavourOfOrderlysKeys() {
        List<ConfigProblem> problems = problems("mysql", """
                  debezium:
                    database.password: hunter2
                    database.ssl.mode: required
                    database.ssl.truststore.password: hunter3
                """);

        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::found).containsExactly(
                tuple("source.debezium.database.password", "***"),
                tuple("source.debezium.database.ssl.mode", "\"required\""),
                tuple("source.debezium.database.ssl.truststore.password", "***"));
        assertThat(problems.get(1).fix()).startsWith("remove it and use source.tls (mode, truststore, truststore-password)");
    }

    private SourceTls tls(String type, String sourceKeys) {
        return fixture.load(yaml(type, sourceKeys), ENVIRONMENT, TestingConfigContext.builtIns()).source().tls();
    }

    private List<ConfigProblem> problems(String type, String sourceKeys) {
        return fixture.problems(yaml(type, sourceKeys), ENVIRONMENT);
    }

    private static String yaml(String type, String sourceKeys) {
        return ConfigFixture.VALID.replace("type: mysql", "type: " + type)
                .replace("  include: [shop.orders, shop.customers]\n", "  include: [shop.orders, shop.customers]\n" + sourceKeys);
    }
}
