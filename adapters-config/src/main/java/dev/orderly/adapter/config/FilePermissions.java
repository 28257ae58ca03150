package dev.orderly.adapter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Tells when a file orderly reads its configuration or a secret from can be read or changed by other
 * users of the machine: readable or writable by others, or writable by its group. Reading by the
 * group alone is allowed (a service group may share the file on purpose). File systems without
 * POSIX permissions are not checked.
 */
final class FilePermissions {

    private FilePermissions() {
    }

    /**
     * @param what what the file is, e.g. {@code "Configuration file"}
     * @return a warning naming the file, its mode and the fix, or empty when only its owner (and
     *     perhaps its group, reading) has access
     */
    static Optional<String> warning(Path file, String what) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException notPosix) {
            return Optional.empty();
        }
        boolean othersRead = permissions.contains(PosixFilePermission.OTHERS_READ);
        boolean othersWrite = permissions.contains(PosixFilePermission.OTHERS_WRITE);
        boolean groupWrite = permissions.contains(PosixFilePermission.GROUP_WRITE);
        if (!othersRead && !othersWrite && !groupWrite) {
            return Optional.empty();
        }
        String who = othersRead || othersWrite
                ? "every user of this machine can " + (othersRead && othersWrite ? "read and change" : othersRead ? "read" : "change") + " it"
                : "its group can change it";
        return Optional.of(what + " " + file + " is not private: " + who + " (mode " + PosixFilePermissions.toString(permissions) + "). Fix: chmod 600 "
                + file);
    }
}
