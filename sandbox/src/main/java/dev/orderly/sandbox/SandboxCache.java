package dev.orderly.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The per-user cache of unpacked server binaries and pristine data directories, shared by all runs
 * on the machine. Entries appear atomically: they are built in a temporary sibling directory and
 * renamed into place, so a concurrent run either sees a complete entry or none; when two runs build
 * the same entry at once, the first rename wins and the other copy is deleted.
 */
final class SandboxCache {

    /** System property naming the cache directory; default {@code ${user.home}/.cache/orderly}. */
    static final String CACHE_DIRECTORY_PROPERTY = "orderly.sandbox.cache-dir";

    private SandboxCache() {
    }

    static Path root() {
        String configured = System.getProperty(CACHE_DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "orderly").toAbsolutePath();
    }

    /**
     * Returns the cache entry {@code name}, first building it with {@code populate} (which fills the
     * empty directory it is given) if it does not exist yet.
     */
    static Path entry(String name, Consumer<Path> populate) {
        Path root = root();
        Path entry = root.resolve(name);
        if (Files.isDirectory(entry)) {
            return entry;
        }
        Path building = root.resolve(name + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(building);
            populate.accept(building);
            try {
                Files.move(building, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raceLost) {
                if (!Files.isDirectory(entry)) {
                    throw raceLost;
                }
            }
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create cache entry " + entry, e);
        } finally {
            FileTrees.deleteRecursively(building);
        }
    }
}
