/**
 * Benchmark module only: a window on the Kafka adapter's package-private producer settings, so that
 * the harness's sink ceilings and peer produce exactly as orderly does.
 */
package dev.orderly.adapter.kafka;
