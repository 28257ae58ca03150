package dev.orderly.domain.change;

import static java.util.Objects.requireNonNull;

/** A table, named by its database and table name; written {@code db.table}. */
public record TableId(String database, String table) implements Comparable<TableId> {

    public TableId {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        if (database.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("database and table must not be empty but got '" + database + "." + table + "'");
        }
    }

    /** Parses {@code db.table}; the first dot separates the two parts. */
    public static TableId parse(String qualifiedName) {
        requireNonNull(qualifiedName, "qualifiedName is null");
        int dot = qualifiedName.indexOf('.');
        if (dot <= 0 || dot == qualifiedName.length() - 1) {
            throw new IllegalArgumentException("a table must be written as database.table but got '" + qualifiedName + "'");
        }
        return new TableId(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1));
    }

    @Override
    public int compareTo(TableId other) {
        int byDatabase = database.compareTo(other.database);
        return byDatabase != 0 ? byDatabase : table.compareTo(other.table);
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
