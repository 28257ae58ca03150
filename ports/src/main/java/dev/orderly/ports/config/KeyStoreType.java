package dev.orderly.ports.config;

import java.nio.file.Path;
import java.util.Locale;

/** The format of a trust or key store file, spelled in the configuration as Java and Kafka spell it. */
public enum KeyStoreType {
    /** PKCS#12, the JDK's default since Java 9 ({@code .p12}, {@code .pfx}). */
    PKCS12("PKCS12"),
    /** Java's own key store format ({@code .jks}). */
    JKS("JKS"),
    /** PEM certificates ({@code .pem}, {@code .crt}); Kafka reads a PEM truststore without a password. */
    PEM("PEM");

    private final String configValue;

    KeyStoreType(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** The type a file's extension suggests: {@code .jks} JKS, {@code .pem} and {@code .crt} PEM, anything else PKCS12. */
    public static KeyStoreType forFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jks")) {
            return JKS;
        }
        if (name.endsWith(".pem") || name.endsWith(".crt")) {
            return PEM;
        }
        return PKCS12;
    }
}
