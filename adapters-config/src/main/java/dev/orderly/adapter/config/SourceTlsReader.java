package dev.orderly.adapter.config;

import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.KeyStoreType;
import dev.orderly.ports.config.SourceTls;
import dev.orderly.ports.config.SourceTlsMode;
import dev.orderly.ports.config.SourceType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code source.tls:}: whether orderly's connections to the database (binlog and metadata
 * queries) are encrypted, and how the server's certificate is checked. Without the section, or
 * without {@code mode}, each database gets its drivers' default: {@code preferred} for MySQL,
 * {@code disabled} for MariaDB.
 */
final class SourceTlsReader {

    private static final Set<KeyStoreType> TRUSTSTORE_TYPES = EnumSet.of(KeyStoreType.PKCS12, KeyStoreType.JKS);

    static final Map<String, SourceTlsMode> MODES = ValueReader.choices(SourceTlsMode.values(), SourceTlsMode::configValue);
    static final Key MODE = new Key("mode", "one of: " + String.join(", ", MODES.keySet()) + " (default " + SourceTlsMode.PREFERRED.configValue()
            + " for mysql, " + SourceTlsMode.DISABLED.configValue() + " for mariadb; " + SourceTlsMode.PREFERRED.configValue() + " is MySQL's only)",
            SourceTlsMode.VERIFY_CA.configValue());
    static final Key TRUSTSTORE = new Key("truststore", KeyStoreFileReader.fileAllowed("the certificates that sign the database server's"
            + " certificate, for mode verify-ca or verify-identity (default: the JVM's default trust)", TRUSTSTORE_TYPES),
            "/etc/orderly/db-truststore.p12");
    static final Key TRUSTSTORE_PASSWORD = new Key("truststore-password", ValueReader.SECRET_ALLOWED, "${ORDERLY_SOURCE_TLS_TRUSTSTORE_PASSWORD}");
    static final List<Key> KEYS = List.of(MODE, TRUSTSTORE, TRUSTSTORE_PASSWORD);
    static final Key TLS = ConfigSection.sectionKey("tls", KEYS, "mode");

    private static final KeyStoreFileReader TRUSTSTORE_READER =
            new KeyStoreFileReader(TRUSTSTORE, Optional.empty(), TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPES, false);

    private SourceTlsReader() {
    }

    /**
     * @param type the source's type, empty when it could not be read (its problem is already reported)
     * @return the settings, or empty after a problem or when the type is unknown
     */
    static Optional<SourceTls> read(ConfigSection source, Optional<SourceType> type) {
        if (!source.has(TLS)) {
            return type.map(SourceTls::defaultFor);
        }
        Optional<ConfigSection> tls = source.sectionAllowingNoValue(TLS, KEYS);
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        ConfigSection section = tls.get();
        Optional<SourceTlsMode> mode = section.isWritten(MODE)
                ? section.requiredChoice(MODE, MODES)
                : type.map(known -> SourceTls.defaultFor(known).mode());
        if (mode.isPresent() && mode.get() == SourceTlsMode.PREFERRED && type.orElse(null) == SourceType.MARIADB) {
            section.problems().add(section.pathOf(MODE.name()), Found.quote(mode.get().configValue()), "for mariadb: disabled, required, verify-ca"
                    + " or verify-identity", "MariaDB's connector cannot fall back to an unencrypted connection: write required (encrypted, the"
                    + " certificate not checked), verify-ca or verify-identity (the certificate checked), or disabled");
            mode = Optional.empty();
        }
        Optional<Optional<KeyStoreFile>> truststore = TRUSTSTORE_READER.read(section);
        if (mode.isPresent() && truststore.isPresent() && truststore.get().isPresent() && !mode.get().verifiesCertificate()) {
            section.problems().add(section.pathOf(TRUSTSTORE.name()), Found.quote(truststore.get().get().path().toString()),
                    "a truststore only with mode verify-ca or verify-identity", "write 'mode: verify-ca' (or verify-identity) so that the server's"
                            + " certificate is checked against it, or remove truststore (mode " + mode.get().configValue() + " checks no certificate)");
            return Optional.empty();
        }
        if (mode.isEmpty() || truststore.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SourceTls(mode.get(), truststore.get()));
    }
}
