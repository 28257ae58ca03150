package dev.orderly.sandbox.workload;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.ShardingColumns;
import java.util.List;
import java.util.Map;

/**
 * The tables of the sample workload, one per way a sharding key is found (H1):
 * {@code customers} by its primary key, {@code orders} by a configured column ({@code customer_id}),
 * {@code accounts} by its only unique key (no primary key). {@code audit_log} has no key at all.
 */
public final class WorkloadSchema {

    private WorkloadSchema() {
    }

    public static TableId customers(String database) {
        return new TableId(database, "customers");
    }

    public static TableId orders(String database) {
        return new TableId(database, "orders");
    }

    public static TableId accounts(String database) {
        return new TableId(database, "accounts");
    }

    public static TableId auditLog(String database) {
        return new TableId(database, "audit_log");
    }

    /** The tables the workload writes. */
    public static List<TableId> tables(String database) {
        return List.of(customers(database), orders(database), accounts(database));
    }

    /** The sharding columns to configure: orders are sharded by customer. */
    public static Map<TableId, List<String>> configuredShardingColumns(String database) {
        return Map.of(orders(database), List.of("customer_id"));
    }

    /** The sharding columns orderly resolves for each table (H1): the primary key, the configured column, the unique key. */
    public static Map<TableId, ShardingColumns> shardingColumns(String database) {
        return Map.of(
                customers(database), new ShardingColumns(customers(database), List.of("id"), ShardingColumns.Origin.PRIMARY_KEY),
                orders(database), new ShardingColumns(orders(database), List.of("customer_id"), ShardingColumns.Origin.CONFIGURED),
                accounts(database), new ShardingColumns(accounts(database), List.of("code"), ShardingColumns.Origin.UNIQUE_KEY));
    }

    /** The columns that identify a row of each table. */
    public static Map<TableId, List<String>> identityColumns(String database) {
        return Map.of(customers(database), List.of("id"), orders(database), List.of("id"), accounts(database), List.of("code"));
    }

    /** DDL that (re)creates the database and its tables, empty. */
    public static List<String> ddl(String database) {
        return List.of(
                "DROP DATABASE IF EXISTS " + database,
                "CREATE DATABASE " + database,
                "CREATE TABLE " + database + ".customers (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL,"
                        + " tier INT NOT NULL, version INT NOT NULL) ENGINE=InnoDB",
                "CREATE TABLE " + database + ".orders (id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,"
                        + " amount DECIMAL(12,2) NOT NULL, status VARCHAR(16) NOT NULL, KEY k_customer (customer_id)) ENGINE=InnoDB",
                "CREATE TABLE " + database + ".accounts (code VARCHAR(32) NOT NULL, owner VARCHAR(40) NULL,"
                        + " balance DECIMAL(14,2) NOT NULL, UNIQUE KEY uk_code (code), KEY k_owner (owner)) ENGINE=InnoDB",
                "CREATE TABLE " + database + ".audit_log (message VARCHAR(100) NULL) ENGINE=InnoDB");
    }
}
