/**
 * The binlog source: Debezium's embedded engine with the MySQL or MariaDB connector, grouped into
 * transactions with Debezium's transaction metadata (the rows of an initial snapshot into synthetic
 * {@code snapshot:<db.table>:<n>} transactions), resumed from orderly's own checkpoint, restarted
 * after a lost connection, and stopped with a clear error when the binlog it needs was purged; and
 * table keys read with Jdbi from information_schema.
 */
package dev.orderly.adapter.debezium;
