package dev.orderly.adapter.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.conf.PropertyDefinitions;
import dev.orderly.domain.change.TableId;
import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.KeyStoreType;
import dev.orderly.ports.config.SnapshotMode;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceTls;
import dev.orderly.ports.config.SourceTlsMode;
import dev.orderly.ports.config.SourceType;
import io.debezium.connector.mariadb.MariaDbConnectorConfig.MariaDbSecureConnectionMode;
import io.debezium.connector.mysql.MySqlConnectorConfig.MySqlSecureConnectionMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The JDBC connection and the Debezium connector get the same address, credentials and TLS, each in its own driver's spelling. */
class SourceConnectionPropertiesTest {

    private static final Path TRUSTSTORE = Path.of("/etc/orderly/db-ca.p12");
    private static final String PASSWORD = "db-Secret&pw";

    @Test
    void mySqlPrefersTlsByDefaultLikeItsDrivers() {
        SourceSettings settings = settings(SourceType.MYSQL, SourceTls.defaultFor(SourceType.MYSQL));

        assertThat(SourceConnectionProperties.jdbcProperties(settings)).containsEntry("sslMode", "PREFERRED").containsEntry("user", "cdc")
                .containsEntry("password", PASSWORD).doesNotContainKey("trustCertificateKeyStoreUrl");
        assertThat(SourceConnectionProperties.connectorProperties(settings)).containsEntry("database.ssl.mode", "preferred")
                .containsEntry("database.hostname", "db1").containsEntry("database.port", "3307").containsEntry("database.user", "cdc")
                .containsEntry("database.password", PASSWORD);
    }

    @Test
    void mariaDbUsesNoTlsByDefaultLikeItsDrivers() {
        SourceSettings settings = settings(SourceType.MARIADB, SourceTls.defaultFor(SourceType.MARIADB));

        assertThat(SourceConnectionProperties.jdbcProperties(settings)).containsEntry("sslMode", "disable");
        assertThat(SourceConnectionProperties.connectorProperties(settings)).containsEntry("database.ssl.mode", "disable");
    }

    @Test
    void aTruststoreReachesBothDriversAndTheConnector() {
        SourceTls tls = new SourceTls(SourceTlsMode.VERIFY_CA, Optional.of(new KeyStoreFile(TRUSTSTORE, KeyStoreType.PKCS12, "trust-pw")));

        assertThat(SourceConnectionProperties.jdbcProperties(settings(SourceType.MYSQL, tls))).containsEntry("sslMode", "VERIFY_CA")
                .containsEntry("trustCertificateKeyStoreUrl", "file:///etc/orderly/db-ca.p12").containsEntry("trustCertificateKeyStoreType", "PKCS12")
                .containsEntry("trustCertificateKeyStorePassword", "trust-pw");
        assertThat(SourceConnectionProperties.jdbcProperties(settings(SourceType.MARIADB, tls))).containsEntry("sslMode", "verify-ca")
                .containsEntry("trustStore", "file:///etc/orderly/db-ca.p12").containsEntry("trustStoreType", "PKCS12")
                .containsEntry("trustStorePassword", "trust-pw");
        assertThat(SourceConnectionProperties.connectorProperties(settings(SourceType.MARIADB, tls))).containsEntry("database.ssl.mode", "verify-ca")
                .containsEntry("database.ssl.truststore", TRUSTSTORE.toString()).containsEntry("database.ssl.truststore.password", "trust-pw");
    }

    @Test
    void everyModeIsSpelledAsTheMySqlConnectorAndConnectorJAcceptIt() {
        for (SourceTlsMode mode : SourceTlsMode.values()) {
            SourceSettings settings = settings(SourceType.MYSQL, new SourceTls(mode, Optional.empty()));

            assertThat(MySqlSecureConnectionMode.parse(SourceConnectionProperties.connectorProperties(settings).get("database.ssl.mode")))
                    .as("Debezium's MySQL connector reads mode %s", mode).isNotNull();
            assertThat(PropertyDefinitions.SslMode.valueOf(SourceConnectionProperties.jdbcProperties(settings).getProperty("sslMode")).name())
                    .isEqualTo(mode.name());
        }
    }

    @Test
    void everyModeButPreferredIsSpelledAsTheMariaDbConnectorAndItsDriverAcceptIt() {
        Map<SourceTlsMode, String> driverModes = Map.of(SourceTlsMode.DISABLED, "DISABLE", SourceTlsMode.REQUIRED, "TRUST",
                SourceTlsMode.VERIFY_CA, "VERIFY_CA", SourceTlsMode.VERIFY_IDENTITY, "VERIFY_FULL");
        driverModes.forEach((mode, driverMode) -> {
            SourceSettings settings = settings(SourceType.MARIADB, new SourceTls(mode, Optional.empty()));

            assertThat(MariaDbSecureConnectionMode.parse(SourceConnectionProperties.connectorProperties(settings).get("database.ssl.mode")))
                    .as("Debezium's MariaDB connector reads mode %s", mode).isNotNull();
            assertThat(org.mariadb.jdbc.export.SslMode.from(SourceConnectionProperties.jdbcProperties(settings).getProperty("sslMode")).name())
                    .isEqualTo(driverMode);
        });
    }

    @Test
    void theUrlHoldsNoSecretAndTheDescriptionNoPassword() {
        SourceSettings settings = settings(SourceType.MYSQL, new SourceTls(SourceTlsMode.VERIFY_IDENTITY,
                Optional.of(new KeyStoreFile(TRUSTSTORE, KeyStoreType.JKS, "trust-pw"))));
        Properties properties = SourceConnectionProperties.jdbcProperties(settings);

        assertThat(SourceConnectionProperties.jdbcUrl(settings)).isEqualTo("jdbc:mysql://db1:3307/");
        assertThat(properties.getProperty("trustCertificateKeyStoreType")).isEqualTo("JKS");
        assertThat(SourceConnectionProperties.describe(settings)).isEqualTo("mysql at db1:3307 as user 'cdc' with TLS mode verify-identity")
                .doesNotContain(PASSWORD);
        assertThat(settings.toString()).doesNotContain(PASSWORD, "trust-pw");
    }

    private static SourceSettings settings(SourceType type, SourceTls tls) {
        return new SourceSettings(type, "db1", 3307, "cdc", PASSWORD, 5401, List.of(TableId.parse("shop.orders")), Map.of(), SnapshotMode.NEVER, tls);
    }
}
