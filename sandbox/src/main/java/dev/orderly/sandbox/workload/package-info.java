/**
 * The sample workload of the demo and the integration tests: concurrent writers on hot keys, key
 * changes, delete and re-insert, transactions across tables and rollbacks, with a journal of what
 * each committed transaction changed; and the commit order read back from the server's own binlog
 * listing, independent of Debezium and orderly.
 */
package dev.orderly.sandbox.workload;
