package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code sink.tls:} of the configuration: orderly talks TLS to every Kafka broker.
 *
 * @param truststore the certificates that sign the brokers' certificates; empty for the JVM's default
 *     trust (its {@code cacerts})
 * @param keystore orderly's own certificate and key, for brokers that authenticate clients by
 *     certificate (mutual TLS); empty for none
 * @param keyPassword the password of the key inside {@code keystore} when it differs from the
 *     store's; empty for none. Never logged.
 */
public record KafkaTls(Optional<KeyStoreFile> truststore, Optional<KeyStoreFile> keystore, String keyPassword) {

    /** TLS with the JVM's default trust and no client certificate: what {@code tls: {}} means. */
    public static final KafkaTls DEFAULT_TRUST = new KafkaTls(Optional.empty(), Optional.empty(), "");

    public KafkaTls {
        requireNonNull(truststore, "truststore is null");
        requireNonNull(keystore, "keystore is null");
        requireNonNull(keyPassword, "keyPassword is null");
        if (!keyPassword.isEmpty() && keystore.isEmpty()) {
            throw new IllegalArgumentException("a key password needs a keystore, but none was given");
        }
        if (keystore.isPresent() && keystore.get().type() == KeyStoreType.PEM) {
            throw new IllegalArgumentException("the keystore must be PKCS12 or JKS but got PEM: " + keystore.get().path());
        }
    }

    @Override
    public String toString() {
        return "KafkaTls[truststore=" + truststore.map(KeyStoreFile::toString).orElse("(JVM default)") + ", keystore="
                + keystore.map(KeyStoreFile::toString).orElse("(none)") + ", keyPassword=" + (keyPassword.isEmpty() ? "(none)" : "***") + "]";
    }
}
