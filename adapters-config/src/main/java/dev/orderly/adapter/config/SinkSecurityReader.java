package dev.orderly.adapter.config;

import dev.orderly.ports.config.KafkaSasl;
import dev.orderly.ports.config.KafkaTls;
import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.KeyStoreType;
import dev.orderly.ports.config.SaslMechanism;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code sink.tls:} and {@code sink.sasl:}: how orderly secures and authenticates its Kafka
 * connections. Writing {@code tls:}, even empty, turns TLS on; writing {@code sasl:} turns SASL on.
 * SASL without TLS is allowed with a warning: the connection is not encrypted.
 */
final class SinkSecurityReader {

    private static final Set<KeyStoreType> TRUSTSTORE_TYPES = EnumSet.allOf(KeyStoreType.class);
    private static final Set<KeyStoreType> KEYSTORE_TYPES = EnumSet.of(KeyStoreType.PKCS12, KeyStoreType.JKS);
    private static final String SECRET = ValueReader.SECRET_ALLOWED;

    static final Key TRUSTSTORE = new Key("truststore",
            KeyStoreFileReader.fileAllowed("the certificates that sign the brokers' certificates (default: the JVM's default trust)", TRUSTSTORE_TYPES),
            "/etc/orderly/kafka-truststore.p12");
    static final Key TRUSTSTORE_TYPE = new Key("truststore-type", KeyStoreFileReader.typeAllowed(TRUSTSTORE_TYPES), "PKCS12");
    static final Key TRUSTSTORE_PASSWORD = new Key("truststore-password", SECRET, "${ORDERLY_SINK_TLS_TRUSTSTORE_PASSWORD}");
    static final Key KEYSTORE = new Key("keystore",
            KeyStoreFileReader.fileAllowed("orderly's own certificate and key, for brokers that authenticate clients by certificate", KEYSTORE_TYPES),
            "/etc/orderly/kafka-keystore.p12");
    static final Key KEYSTORE_TYPE = new Key("keystore-type", KeyStoreFileReader.typeAllowed(KEYSTORE_TYPES), "PKCS12");
    static final Key KEYSTORE_PASSWORD = new Key("keystore-password", SECRET, "${ORDERLY_SINK_TLS_KEYSTORE_PASSWORD}");
    static final Key KEY_PASSWORD = new Key("key-password", SECRET + " (default: the keystore's password)", "${ORDERLY_SINK_TLS_KEY_PASSWORD}");
    static final List<Key> TLS_KEYS = List.of(TRUSTSTORE, TRUSTSTORE_TYPE, TRUSTSTORE_PASSWORD, KEYSTORE, KEYSTORE_TYPE, KEYSTORE_PASSWORD, KEY_PASSWORD);

    static final Map<String, SaslMechanism> MECHANISMS = ValueReader.choices(SaslMechanism.values(), SaslMechanism::configValue);
    static final Key MECHANISM = new Key("mechanism", "one of: " + String.join(", ", MECHANISMS.keySet()), SaslMechanism.SCRAM_SHA_512.configValue());
    static final Key USERNAME = new Key("username", "a non-empty Kafka user name", "orderly");
    static final Key PASSWORD = new Key("password", ValueReader.SECRET_ALLOWED.replace(", or \"\" for none", ""), "${ORDERLY_SINK_SASL_PASSWORD}");
    static final List<Key> SASL_KEYS = List.of(MECHANISM, USERNAME, PASSWORD);

    static final Key TLS = ConfigSection.sectionKey("tls", TLS_KEYS, "nothing ('tls: {}' trusts the JVM's default authorities) or truststore");
    static final Key SASL = ConfigSection.sectionKey("sasl", SASL_KEYS, "mechanism, username and password");

    private static final KeyStoreFileReader TRUSTSTORE_READER =
            new KeyStoreFileReader(TRUSTSTORE, Optional.of(TRUSTSTORE_TYPE), TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPES, false);
    private static final KeyStoreFileReader KEYSTORE_READER =
            new KeyStoreFileReader(KEYSTORE, Optional.of(KEYSTORE_TYPE), KEYSTORE_PASSWORD, KEYSTORE_TYPES, true);

    private SinkSecurityReader() {
    }

    /** {@code sink.tls}: empty inside when not written, empty outside after a problem. */
    static Optional<Optional<KafkaTls>> readTls(ConfigSection sink) {
        if (!sink.has(TLS)) {
            return Optional.of(Optional.empty());
        }
        Optional<ConfigSection> tls = sink.sectionAllowingNoValue(TLS, TLS_KEYS);
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        Optional<Optional<KeyStoreFile>> truststore = TRUSTSTORE_READER.read(tls.get());
        Optional<Optional<KeyStoreFile>> keystore = KEYSTORE_READER.read(tls.get());
        Optional<ScalarText> keyPassword = tls.get().optionalSecret(KEY_PASSWORD);
        if (keyPassword.isPresent() && !keyPassword.get().value().isEmpty() && keystore.isPresent() && keystore.get().isEmpty()) {
            tls.get().problems().add(tls.get().pathOf(KEY_PASSWORD.name()), "a key password", "only together with keystore",
                    "name orderly's keystore with 'keystore: " + KEYSTORE.example() + "'" + tls.get().where() + ", or remove key-password");
            return Optional.empty();
        }
        if (truststore.isEmpty() || keystore.isEmpty() || keyPassword.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new KafkaTls(truststore.get(), keystore.get(), keyPassword.get().value())));
    }

    /**
     * {@code sink.sasl}: empty inside when not written, empty outside after a problem.
     *
     * @param tlsWritten whether {@code sink.tls} is written: SASL without it gets a warning
     */
    static Optional<Optional<KafkaSasl>> readSasl(ConfigSection sink, boolean tlsWritten) {
        if (!sink.has(SASL)) {
            return Optional.of(Optional.empty());
        }
        Optional<ConfigSection> sasl = sink.requiredSection(SASL, SASL_KEYS);
        if (sasl.isEmpty()) {
            return Optional.empty();
        }
        Optional<SaslMechanism> mechanism = sasl.get().requiredChoice(MECHANISM, MECHANISMS);
        Optional<ScalarText> username = sasl.get().requiredText(USERNAME);
        Optional<ScalarText> password = sasl.get().requiredSecret(PASSWORD);
        if (password.isPresent() && password.get().value().isEmpty()) {
            sasl.get().problems().add(sasl.get().pathOf(PASSWORD.name()), "\"\"", PASSWORD.allowed(),
                    "give the Kafka user's password, e.g. password: " + PASSWORD.example());
            return Optional.empty();
        }
        if (mechanism.isEmpty() || username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        if (!tlsWritten) {
            sink.problems().warn(sink.pathOf(SASL.name()) + " is set without " + sink.pathOf(TLS.name()) + ": orderly connects to Kafka with"
                    + " security.protocol SASL_PLAINTEXT, so the records cross the network unencrypted"
                    + (mechanism.get() == SaslMechanism.PLAIN ? " and so does the password (mechanism PLAIN)" : "")
                    + ". Add 'tls: {}' under sink: (with a truststore: if the brokers' certificates are not signed by an authority the JVM trusts)");
        }
        return Optional.of(Optional.of(new KafkaSasl(mechanism.get(), username.get().value(), password.get().value())));
    }
}
