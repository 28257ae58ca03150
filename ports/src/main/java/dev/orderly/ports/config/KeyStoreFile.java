package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A trust or key store file: where it is, its format and the password that opens it.
 *
 * @param path the file, absolute
 * @param type its format
 * @param password the store's password (from the environment or a file; never logged); empty for
 *     none, and always empty for {@link KeyStoreType#PEM}
 */
public record KeyStoreFile(Path path, KeyStoreType type, String password) {

    public KeyStoreFile {
        requireNonNull(path, "path is null");
        requireNonNull(type, "type is null");
        requireNonNull(password, "password is null");
        if (type == KeyStoreType.PEM && !password.isEmpty()) {
            throw new IllegalArgumentException("a PEM store has no password, but one was given for " + path);
        }
    }

    @Override
    public String toString() {
        return "KeyStoreFile[path=" + path + ", type=" + type.configValue() + ", password=" + (password.isEmpty() ? "(none)" : "***") + "]";
    }
}
