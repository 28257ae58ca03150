/**
 * The binlog source: Debezium's embedded engine with the MySQL or MariaDB connector, grouped into
 * transactions with Debezium's transaction metadata, resumed from orderly's own checkpoint; and
 * table keys read with Jdbi from information_schema.
 */
package dev.orderly.adapter.debezium;
