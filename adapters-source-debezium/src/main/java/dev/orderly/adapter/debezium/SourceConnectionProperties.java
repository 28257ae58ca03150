package dev.orderly.adapter.debezium;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceTls;
import dev.orderly.ports.config.SourceTlsMode;
import dev.orderly.ports.config.SourceType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The one place that says how orderly connects to the source database: the JDBC URL and properties
 * of its own queries, and the Debezium connector properties of the binlog stream, both from
 * {@code source:} with its {@code tls:}. Every JDBC connection to the source must be made with
 * {@link #jdbcUrl} and {@link #jdbcProperties}, so that it is secured as the binlog stream is.
 *
 * <p>The drivers spell TLS differently. MySQL Connector/J and Debezium's MySQL connector take
 * MySQL's modes ({@code sslMode=DISABLED|PREFERRED|REQUIRED|VERIFY_CA|VERIFY_IDENTITY},
 * {@code database.ssl.mode=disabled|preferred|required|verify_ca|verify_identity}). MariaDB
 * Connector/J and Debezium's MariaDB connector take {@code disable|trust|verify-ca|verify-full} and
 * have no {@code preferred}. The credentials and the truststore password travel as properties, never
 * in the URL, so that no URL a driver may print holds a secret.
 */
public final class SourceConnectionProperties {

    private static final String CONNECT_TIMEOUT_MILLIS = "10000";

    private SourceConnectionProperties() {
    }

    /** The JDBC URL of the source server, without credentials, TLS or a default database. */
    public static String jdbcUrl(SourceSettings settings) {
        requireNonNull(settings, "settings is null");
        return switch (settings.type()) {
            case MYSQL -> "jdbc:mysql://" + settings.host() + ":" + settings.port() + "/";
            case MARIADB -> "jdbc:mariadb://" + settings.host() + ":" + settings.port() + "/";
        };
    }

    /** The JDBC connection properties for {@link #jdbcUrl}: user, password, connect timeout and TLS. */
    public static Properties jdbcProperties(SourceSettings settings) {
        requireNonNull(settings, "settings is null");
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_MILLIS);
        SourceTls tls = settings.tls();
        if (settings.type() == SourceType.MYSQL) {
            // With TLS the password never needs the server's public key; without it, caching_sha2_password accounts need it fetched.
            properties.setProperty("allowPublicKeyRetrieval", "true");
            properties.setProperty("sslMode", mySqlMode(tls.mode()).toUpperCase(Locale.ROOT));
            tls.truststore().ifPresent(store -> {
                properties.setProperty("trustCertificateKeyStoreUrl", store.path().toUri().toString());
                properties.setProperty("trustCertificateKeyStoreType", store.type().configValue());
                putPassword(properties, "trustCertificateKeyStorePassword", store);
            });
        } else {
            properties.setProperty("sslMode", mariaDbMode(tls.mode()));
            tls.truststore().ifPresent(store -> {
                properties.setProperty("trustStore", store.path().toUri().toString());
                properties.setProperty("trustStoreType", store.type().configValue());
                putPassword(properties, "trustStorePassword", store);
            });
        }
        return properties;
    }

    /**
     * The Debezium connector properties of the connection: host, port, user, password and TLS
     * ({@code database.ssl.mode}, {@code database.ssl.truststore}, {@code database.ssl.truststore.password}).
     */
    public static Map<String, String> connectorProperties(SourceSettings settings) {
        requireNonNull(settings, "settings is null");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("database.hostname", settings.host());
        properties.put("database.port", String.valueOf(settings.port()));
        properties.put("database.user", settings.user());
        properties.put("database.password", settings.password());
        SourceTls tls = settings.tls();
        properties.put("database.ssl.mode", settings.type() == SourceType.MYSQL ? mySqlMode(tls.mode()) : mariaDbMode(tls.mode()));
        tls.truststore().ifPresent(store -> {
            // Debezium opens it as a JKS store, which reads PKCS12 files too.
            properties.put("database.ssl.truststore", store.path().toString());
            if (!store.password().isEmpty()) {
                properties.put("database.ssl.truststore.password", store.password());
            }
        });
        return properties;
    }

    /** A description for messages: type, address, user and TLS mode, never a secret. */
    static String describe(SourceSettings settings) {
        return settings.type().configValue() + " at " + settings.host() + ":" + settings.port() + " as user '" + settings.user() + "' with TLS mode "
                + settings.tls().mode().configValue();
    }

    /** MySQL's spelling, as Debezium's MySQL connector takes it (Connector/J takes it in capitals). */
    static String mySqlMode(SourceTlsMode mode) {
        return switch (mode) {
            case DISABLED -> "disabled";
            case PREFERRED -> "preferred";
            case REQUIRED -> "required";
            case VERIFY_CA -> "verify_ca";
            case VERIFY_IDENTITY -> "verify_identity";
        };
    }

    /** MariaDB's spelling, as both MariaDB Connector/J and Debezium's MariaDB connector take it. */
    static String mariaDbMode(SourceTlsMode mode) {
        return switch (mode) {
            case DISABLED -> "disable";
            case PREFERRED -> throw new IllegalArgumentException("MariaDB has no TLS mode preferred; SourceSettings refuses it");
            case REQUIRED -> "trust";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_IDENTITY -> "verify-full";
        };
    }

    private static void putPassword(Properties properties, String key, KeyStoreFile store) {
        if (!store.password().isEmpty()) {
            properties.setProperty(key, store.password());
        }
    }
}
