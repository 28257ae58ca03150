package dev.orderly.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the binlog stands: its current file and position and the executed GTID set.
 *
 * @param file the current binlog file
 * @param position the position in it
 * @param gtidExecuted {@code @@gtid_executed}
 */
record BinlogMark(String file, long position, String gtidExecuted) {

    /** {@code SHOW MASTER STATUS} (MySQL 8.0), or {@code SHOW BINARY LOG STATUS} where the former is gone (8.4 and later). */
    static BinlogMark read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String file;
            long position;
            try (ResultSet status = status(statement)) {
                if (!status.next()) {
                    throw new SQLException("the server reports no binlog status: is log-bin on?");
                }
                file = status.getString("File");
                position = status.getLong("Position");
            }
            try (ResultSet gtids = statement.executeQuery("SELECT @@GLOBAL.gtid_executed")) {
                gtids.next();
                return new BinlogMark(file, position, gtids.getString(1).replace("\n", ""));
            }
        }
    }

    @Override
    public String toString() {
        return file + ":" + position + " gtid_executed=" + gtidExecuted;
    }

    private static ResultSet status(Statement statement) throws SQLException {
        try {
            return statement.executeQuery("SHOW MASTER STATUS");
        } catch (SQLException removed) {
            return statement.executeQuery("SHOW BINARY LOG STATUS");
        }
    }
}
