package dev.orderly.app.demo;

import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.KeyEncoding;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.sandbox.EmbeddedDatabase;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replays records in transaction order ({@code seq}, then index) into in-memory tables and compares
 * them with the source tables. Rows compare by their canonical key encoding, so 12.5 equals 12.50
 * and an INT equals a BIGINT of the same value.
 */
final class TableReplay {

    private TableReplay() {
    }

    /** The differences, at most 20; empty when the replay equals the source. */
    static List<String> compare(List<ConsumedRecord> records, EmbeddedDatabase database, String db) throws SQLException {
        Map<TableId, List<String>> identity = WorkloadSchema.identityColumns(db);
        Map<TableId, Map<String, String>> replayed = new HashMap<>();
        List<ConsumedRecord> ordered = new ArrayList<>(records);
        ordered.sort(Comparator.comparingLong((ConsumedRecord r) -> r.txn().seq()).thenComparingInt(r -> r.txn().index()));
        for (ConsumedRecord record : ordered) {
            Map<String, String> table = replayed.computeIfAbsent(record.table(), t -> new TreeMap<>());
            List<String> columns = identity.get(record.table());
            if (record.before() != null) {
                table.remove(KeyEncoding.toJson(record.before().project(columns)));
            }
            if (record.after() != null) {
                table.put(KeyEncoding.toJson(record.after().project(columns)), canonical(record.after()));
            }
        }
        List<String> problems = new ArrayList<>();
        for (TableId table : WorkloadSchema.tables(db)) {
            Map<String, String> source = read(database, table, identity.get(table));
            Map<String, String> copy = replayed.getOrDefault(table, Map.of());
            TreeSet<String> keys = new TreeSet<>(source.keySet());
            keys.addAll(copy.keySet());
            for (String key : keys) {
                String expected = source.get(key);
                String actual = copy.get(key);
                if (!java.util.Objects.equals(expected, actual) && problems.size() < 20) {
                    problems.add(table + " " + key + ": source has " + expected + ", replay has " + actual);
                }
            }
        }
        return problems;
    }

    private static String canonical(Row row) {
        TreeMap<String, Object> sorted = new TreeMap<>(row.values());
        return sorted.keySet() + "=" + KeyEncoding.toJson(new ArrayList<>(sorted.values()));
    }

    private static Map<String, String> read(EmbeddedDatabase database, TableId table, List<String> identity) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(table.database()), database.adminUser(), database.adminPassword());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, Object> values = new java.util.LinkedHashMap<>();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    values.put(meta.getColumnLabel(column), result.getObject(column));
                }
                Row row = Row.of(values);
                rows.put(KeyEncoding.toJson(row.project(identity)), canonical(row));
            }
        }
        return rows;
    }
}
