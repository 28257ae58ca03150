package dev.orderly.bench;

import dev.orderly.sandbox.EmbeddedMySql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The backlog every contender drains: {@link Workload#transactions()} multi-row INSERTs, each its own
 * transaction (auto-commit), written before any contender starts, with the binlog's position before
 * and after.
 *
 * @param workload what was written
 * @param before where the binlog stood before the first insert
 * @param after where it stood after the last
 * @param writeTime how long writing took
 */
record Backlog(Workload workload, BinlogMark before, BinlogMark after, Duration writeTime) {

    /** Creates the database and the table, empty. */
    static void createTable(EmbeddedMySql mySql, BenchRows rows) {
        mySql.execute("CREATE DATABASE " + BenchRows.DATABASE, rows.createTable());
    }

    /** The binlog position now. */
    static BinlogMark mark(EmbeddedMySql mySql) {
        try (Connection connection = connect(mySql)) {
            return BinlogMark.read(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the binlog position of " + mySql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the backlog and checks the table holds exactly its rows afterwards.
     *
     * @throws IllegalStateException when a statement fails or the table holds another count
     */
    static Backlog write(EmbeddedMySql mySql, Workload workload, BenchRows rows) {
        long started = System.nanoTime();
        try (Connection connection = connect(mySql); Statement statement = connection.createStatement()) {
            BinlogMark before = BinlogMark.read(connection);
            long id = 1;
            StringBuilder sql = new StringBuilder(workload.rowsPerTransaction() * (workload.noteBytes() + 64));
            for (int transaction = 0; transaction < workload.transactions(); transaction++) {
                sql.setLength(0);
                rows.appendInsert(sql, id, workload.rowsPerTransaction());
                id += workload.rowsPerTransaction();
                statement.executeUpdate(sql.toString());
                if ((transaction + 1) % Math.max(1, workload.transactions() / 10) == 0) {
                    Harness.log("  backlog %,d / %,d transactions", transaction + 1, workload.transactions());
                }
            }
            BinlogMark after = BinlogMark.read(connection);
            try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + BenchRows.TABLE_ID)) {
                count.next();
                if (count.getLong(1) != workload.rows()) {
                    throw new IllegalStateException("the table holds " + count.getLong(1) + " rows after the backlog, not " + workload.rows());
                }
            }
            return new Backlog(workload, before, after, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new IllegalStateException("writing the backlog to " + mySql + " failed: " + e.getMessage(), e);
        }
    }

    /** A JDBC connection as the administrator, auto-commit on. */
    static Connection connect(EmbeddedMySql mySql) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", mySql.adminUser());
        properties.setProperty("password", mySql.adminPassword());
        properties.setProperty("allowPublicKeyRetrieval", "true");
        properties.setProperty("sslMode", "DISABLED");
        return DriverManager.getConnection(mySql.jdbcUrl(""), properties);
    }
}
