package dev.orderly.sandbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process side shared by {@link EmbeddedMySql} and {@link EmbeddedMariaDb}: launches the server
 * command, waits until the admin account can log in over TCP, runs admin SQL, and stops the server
 * with SQL {@code SHUTDOWN} (falling back to SIGTERM and SIGKILL through the process handle).
 *
 * <p>Thread-safe: start, stop and restart are serialized on this object.
 */
final class DatabaseServer {

    private static final Logger LOGGER = LoggerFactory.getLogger(DatabaseServer.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(10);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    /** A hung server must not block stop(): its process gets signals instead. */
    private static final int SHUTDOWN_SOCKET_TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDirectory;
    private final Path logFile;
    private final String adminUrl;

    private ServerProcess process;

    /**
     * @param name what to call the server in messages, e.g. {@code "MySQL 8.0.15 on 127.0.0.1:3306"}
     * @param adminUrl a JDBC URL without database, used with the admin account
     */
    DatabaseServer(String name, List<String> command, Map<String, String> environment, Path workDirectory,
            Path logFile, String adminUrl) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory is null");
        this.logFile = Objects.requireNonNull(logFile, "logFile is null");
        this.adminUrl = Objects.requireNonNull(adminUrl, "adminUrl is null");
    }

    /** Launches the server and returns once the admin account can log in. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running as " + process);
        }
        long started = System.nanoTime();
        ServerProcess starting = ServerProcess.start(name, command, environment, workDirectory, logFile);
        try {
            awaitReady(starting);
        } catch (RuntimeException e) {
            starting.terminate(TERMINATE_GRACE);
            throw e;
        }
        process = starting;
        LOGGER.info("{} ready in {} ms (pid {}, log {})", name, (System.nanoTime() - started) / 1_000_000,
                starting.pid(), logFile);
    }

    synchronized void stop() {
        ServerProcess running = process;
        process = null;
        if (running == null) {
            return;
        }
        if (running.isAlive()) {
            boolean shutdownSent = false;
            try (Connection connection = connectAsAdmin(SHUTDOWN_SOCKET_TIMEOUT_MILLIS);
                    Statement statement = connection.createStatement()) {
                shutdownSent = true;
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                // Either the server dropped the connection while shutting down (shutdownSent) or it
                // could not be reached; waiting for the process and the signals below decide.
            }
            if (!shutdownSent || !running.awaitExit(SHUTDOWN_TIMEOUT)) {
                LOGGER.warn("{} did not shut down through SQL; sending SIGTERM", name);
                running.terminate(TERMINATE_GRACE);
            }
        }
        running.removeShutdownHook();
        LOGGER.info("Stopped {}", name);
    }

    synchronized void restart() {
        stop();
        start();
    }

    void execute(String... sql) {
        Objects.requireNonNull(sql, "sql is null");
        for (int i = 0; i < sql.length; i++) {
            if (sql[i] == null) {
                throw new NullPointerException("sql[" + i + "] is null");
            }
        }
        Connection connection;
        try {
            connection = connectAsAdmin();
        } catch (SQLException e) {
            throw new SandboxException("Cannot log in to " + name + " as " + DatabaseAccounts.ADMIN_USER + ": "
                    + e.getMessage(), e);
        }
        try (connection; Statement statement = connection.createStatement()) {
            for (String each : sql) {
                try {
                    statement.execute(each);
                } catch (SQLException e) {
                    throw new SandboxException(
                            "Statement failed on " + name + ": '" + each + "': " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new SandboxException("Connection to " + name + " failed: " + e.getMessage(), e);
        }
    }

    Connection connectAsAdmin() throws SQLException {
        return connectAsAdmin(0);
    }

    /** @param socketTimeoutMillis how long a read may block, 0 for no limit */
    private Connection connectAsAdmin(int socketTimeoutMillis) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("socketTimeout", Integer.toString(socketTimeoutMillis));
        properties.setProperty("user", DatabaseAccounts.ADMIN_USER);
        properties.setProperty("password", DatabaseAccounts.ADMIN_PASSWORD);
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MILLIS));
        return DriverManager.getConnection(adminUrl, properties);
    }

    private void awaitReady(ServerProcess starting) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!starting.isAlive()) {
                throw new SandboxException(name + " exited with code " + starting.exitValue()
                        + " while starting" + starting.logTail());
            }
            try (Connection connection = connectAsAdmin()) {
                return;
            } catch (SQLException e) {
                lastFailure = e;
            }
            sleep(100);
        }
        throw new SandboxException(name + " did not accept a login as " + DatabaseAccounts.ADMIN_USER + " within "
                + START_TIMEOUT.toSeconds() + " s (last error: "
                + (lastFailure == null ? "none" : lastFailure.getMessage()) + ")" + starting.logTail(), lastFailure);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for a server to start", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
