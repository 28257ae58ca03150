package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code source.tls:} of the configuration.
 *
 * @param mode whether and how connections to the database are encrypted and checked
 * @param truststore the authorities that sign the server's certificate, only with a mode that checks
 *     it ({@link SourceTlsMode#verifiesCertificate()}); empty for the JVM's default trust. PKCS12 or JKS.
 */
public record SourceTls(SourceTlsMode mode, Optional<KeyStoreFile> truststore) {

    public SourceTls {
        requireNonNull(mode, "mode is null");
        requireNonNull(truststore, "truststore is null");
        if (truststore.isPresent() && !mode.verifiesCertificate()) {
            throw new IllegalArgumentException("a truststore is only used by the modes verify-ca and verify-identity, but the mode is "
                    + mode.configValue());
        }
        if (truststore.isPresent() && truststore.get().type() == KeyStoreType.PEM) {
            throw new IllegalArgumentException("the source truststore must be PKCS12 or JKS but got PEM: " + truststore.get().path());
        }
    }

    /**
     * What the database drivers do when nothing is configured: MySQL Connector/J and Debezium's MySQL
     * connector prefer TLS ({@code preferred}); MariaDB Connector/J and Debezium's MariaDB connector
     * use none ({@code disabled}).
     */
    public static SourceTls defaultFor(SourceType type) {
        return new SourceTls(requireNonNull(type, "type is null") == SourceType.MYSQL ? SourceTlsMode.PREFERRED : SourceTlsMode.DISABLED,
                Optional.empty());
    }
}
