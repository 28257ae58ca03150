/**
 * The ordering rules: which columns shard a table, how a key is encoded and hashed to a partition
 * (docs/HASH.md), how a transaction becomes records with their transaction marks, and how an update
 * that changes the sharding key is split.
 */
package dev.orderly.domain.ordering;
