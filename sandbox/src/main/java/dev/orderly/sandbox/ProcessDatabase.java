package dev.orderly.sandbox;

import java.nio.file.Path;

/**
 * What MySQL and MariaDB servers in a child process have in common: the accounts, the JDBC URL of
 * their flavour, and stop/restart/execute through their {@link DatabaseServer}.
 */
abstract class ProcessDatabase implements EmbeddedDatabase {

    /** Unix socket paths are limited to about 107 bytes. */
    private static final int UNIX_SOCKET_PATH_LIMIT = 100;

    private final String flavour;
    private final int port;
    private final DatabaseServer server;

    ProcessDatabase(String flavour, int port, DatabaseServer server) {
        this.flavour = flavour;
        this.port = port;
        this.server = server;
    }

    static String url(String flavour, int port, String database) {
        return "jdbc:" + flavour + "://" + DatabaseAccounts.HOST + ":" + port + DatabaseAccounts.databasePath(database);
    }

    /** The server's socket file in its work directory; a deep work directory falls back to /tmp. */
    static Path socketPath(Path directory, String daemon, int port) {
        Path socket = directory.resolve(daemon + ".sock");
        if (socket.toString().length() <= UNIX_SOCKET_PATH_LIMIT) {
            return socket;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "orderly-" + daemon + "-" + port + ".sock");
    }

    @Override
    public String host() {
        return DatabaseAccounts.HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String adminUser() {
        return DatabaseAccounts.ADMIN_USER;
    }

    @Override
    public String adminPassword() {
        return DatabaseAccounts.ADMIN_PASSWORD;
    }

    @Override
    public String cdcUser() {
        return DatabaseAccounts.CDC_USER;
    }

    @Override
    public String cdcPassword() {
        return DatabaseAccounts.CDC_PASSWORD;
    }

    @Override
    public String jdbcUrl(String database) {
        return url(flavour, port, database);
    }

    @Override
    public void execute(String... sql) {
        server.execute(sql);
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public void restart() {
        server.restart();
    }

    @Override
    public String flavour() {
        return flavour;
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
