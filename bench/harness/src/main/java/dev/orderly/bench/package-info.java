/**
 * The end-to-end benchmark harness (issue 7): one binlog backlog written before any contender
 * starts, drained by orderly ({@code one_partition} and {@code hash}, at-least-once and exactly-once),
 * by Debezium's embedded engine with a consumer that does nothing (the source ceiling), by a bare
 * idempotent producer sending orderly's records (the sink ceilings) and by Debezium's MySQL
 * connector on Kafka Connect standalone (the peer). Each contender runs in a JVM of its own, runs
 * interleave, medians are reported and every output's order is checked. Then, on the same servers,
 * commit-to-append latency under a fixed-rate load and one huge transaction within a small heap.
 * Started by {@code bench/run}; {@link dev.orderly.bench.Harness} is the entry point.
 */
package dev.orderly.bench;
