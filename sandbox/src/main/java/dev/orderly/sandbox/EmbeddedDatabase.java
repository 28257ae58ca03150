package dev.orderly.sandbox;

/**
 * A real MySQL or MariaDB server started for the demo or a test, with its binary log on in row format
 * and two password-protected TCP accounts:
 * <ul>
 *   <li>an admin account ({@link #adminUser()}) with all privileges, for schema changes and workloads;</li>
 *   <li>a CDC account ({@link #cdcUser()}) with just the privileges a binlog reader such as Debezium
 *       needs (SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES and,
 *       on MariaDB, BINLOG MONITOR).</li>
 * </ul>
 *
 * <p>Lifecycle: implementations are created running by a static {@code start(Path)} factory.
 * {@link #stop()} shuts the server down cleanly and keeps its data; {@link #restart()} starts it again
 * on the same port with the same data (binlog and GTID history continue); {@link #close()} is
 * {@link #stop()}. Stopping is idempotent. A JVM shutdown hook stops a server that was never stopped.
 *
 * <p>Threading: all methods may be called from any thread; {@link #stop()} and {@link #restart()} are
 * serialized. Failures are reported as {@link SandboxException}.
 */
public interface EmbeddedDatabase extends AutoCloseable {

    /** The address the server listens on: always {@code 127.0.0.1}. */
    String host();

    /** The TCP port, chosen at start and kept across {@link #restart()}. */
    int port();

    /** The admin account (all privileges on {@code *.*} with grant option). */
    String adminUser();

    String adminPassword();

    /** The account with exactly the privileges change data capture needs. */
    String cdcUser();

    String cdcPassword();

    /**
     * A JDBC URL for the driver on the classpath ({@code jdbc:mysql:} for MySQL Connector/J,
     * {@code jdbc:mariadb:} for MariaDB Connector/J); credentials are not part of it.
     *
     * @param database the default database, a plain identifier ({@code [A-Za-z0-9_$]+}), or the empty
     *     string for none; never null
     * @throws IllegalArgumentException if {@code database} is not a plain identifier
     */
    String jdbcUrl(String database);

    /**
     * Runs the statements in order as the admin user, on one connection in auto-commit mode, without
     * a default database (qualify table names).
     *
     * @throws SandboxException naming the statement that failed
     */
    void execute(String... sql);

    /** Shuts the server down cleanly (SQL {@code SHUTDOWN}, then SIGTERM, then kill) and waits for it. */
    void stop();

    /**
     * Stops the server if it runs, then starts it again on the same port with the same data and waits
     * until the admin account can log in.
     *
     * @throws SandboxException if it does not come up; the message ends with the server log's tail
     */
    void restart();

    /** {@code "mysql"} or {@code "mariadb"}. */
    String flavour();

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
