package dev.orderly.adapter.config;

import dev.orderly.ports.config.KeyStoreFile;
import dev.orderly.ports.config.KeyStoreType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a trust or key store written as up to three keys of one section: the file (e.g.
 * {@code truststore}), its type ({@code truststore-type}, else guessed from the extension) and its
 * password ({@code truststore-password}, a secret).
 *
 * @param file the key naming the file
 * @param type the key naming the type, empty where the section has none
 * @param password the key holding the password
 * @param types the types allowed here
 * @param passwordRequired whether a store without a password is refused
 */
record KeyStoreFileReader(Key file, Optional<Key> type, Key password, Set<KeyStoreType> types, boolean passwordRequired) {

    /** The {@code allowed} text of a store's file key. */
    static String fileAllowed(String what, Set<KeyStoreType> types) {
        return "the path of " + what + ", a " + typeNames(types, " or ") + " file (relative to the directory orderly is started in)";
    }

    /** The {@code allowed} text of a store's type key. */
    static String typeAllowed(Set<KeyStoreType> types) {
        return "one of: " + typeNames(types, ", ") + " (default: JKS for a .jks file, PEM for .pem or .crt, else PKCS12)";
    }

    /**
     * @return the store, empty inside when the file key is not written, or empty after reporting a problem
     */
    Optional<Optional<KeyStoreFile>> read(ConfigSection section) {
        if (!section.isWritten(file)) {
            boolean orphan = false;
            for (Key companion : type.isPresent() ? new Key[] {type.get(), password} : new Key[] {password}) {
                if (section.has(companion)) {
                    section.problems().add(section.pathOf(companion.name()), "'" + companion.name() + ":' without '" + file.name() + ":'",
                            "only together with " + file.name(), "name the file with '" + file.name() + ": " + file.example() + "'" + section.where()
                            + ", or remove " + companion.name());
                    orphan = true;
                }
            }
            return orphan ? Optional.empty() : Optional.of(Optional.empty());
        }
        String filePath = section.pathOf(file.name());
        Optional<ScalarText> text = section.requiredText(file);
        Optional<Path> path = text.flatMap(written -> section.values().existingFile(filePath, written, file.allowed()));
        Optional<KeyStoreType> storeType;
        if (type.isPresent() && section.isWritten(type.get())) {
            storeType = section.requiredChoice(type.get(), choices());
        } else {
            storeType = path.map(KeyStoreType::forFile);
            if (storeType.isPresent() && !types.contains(storeType.get())) {
                section.problems().add(filePath, text.get().found(), file.allowed(), storeType.get() == KeyStoreType.PEM
                        ? "import the PEM certificate into a PKCS12 truststore: keytool -importcert -noprompt -alias ca -file "
                                + path.get().getFileName() + " -keystore truststore.p12 -storetype PKCS12 -storepass \"$PASSWORD\", and name that file"
                        : "name a " + typeNames(types, " or ") + " file" + type.map(key -> ", or write " + key.name() + ":").orElse(""));
                storeType = Optional.empty();
            }
        }
        Optional<ScalarText> secret = passwordRequired && !KeyStoreType.PEM.equals(storeType.orElse(null))
                ? section.requiredSecret(password)
                : section.optionalSecret(password);
        if (storeType.isPresent() && storeType.get() == KeyStoreType.PEM && secret.isPresent() && !secret.get().value().isEmpty()) {
            section.problems().add(section.pathOf(password.name()), "a password", "no password for a PEM file",
                    "remove " + password.name() + ": Kafka reads PEM certificates without a password");
            return Optional.empty();
        }
        if (path.isEmpty() || storeType.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new KeyStoreFile(path.get(), storeType.get(), secret.get().value())));
    }

    private Map<String, KeyStoreType> choices() {
        return types.stream().collect(Collectors.toMap(KeyStoreType::configValue, value -> value, (first, second) -> first, TreeMap::new));
    }

    private static String typeNames(Set<KeyStoreType> types, String separator) {
        return types.stream().sorted().map(KeyStoreType::configValue).collect(Collectors.joining(separator));
    }
}
