/**
 * What the binlog says: tables, rows, row-level changes and the transactions that group them in
 * commit order.
 */
package dev.orderly.domain.change;
