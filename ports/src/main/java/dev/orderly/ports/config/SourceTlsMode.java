package dev.orderly.ports.config;

/**
 * {@code source.tls.mode}: whether and how orderly encrypts its connections to the database (the
 * binlog stream and the metadata queries alike). The names are MySQL's ({@code --ssl-mode}).
 */
public enum SourceTlsMode {
    /** No TLS. */
    DISABLED("disabled"),
    /** TLS when the server offers it, else unencrypted; the certificate is not checked. MySQL only: MariaDB's connector has no such fallback. */
    PREFERRED("preferred"),
    /** TLS or no connection; the certificate is not checked. */
    REQUIRED("required"),
    /** TLS, and the server's certificate must be signed by a trusted authority (the truststore, else the JVM's default trust). */
    VERIFY_CA("verify-ca"),
    /** As {@link #VERIFY_CA}, and the certificate must name the host orderly connects to. */
    VERIFY_IDENTITY("verify-identity");

    private final String configValue;

    SourceTlsMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** Whether the server's certificate is checked against trusted authorities. */
    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_IDENTITY;
    }
}
