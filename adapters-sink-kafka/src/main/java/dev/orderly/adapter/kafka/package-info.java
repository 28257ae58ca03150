/**
 * The Kafka sink: one idempotent producer whose settings can never reorder a partition (D3), topic
 * creation, acknowledgement tracking per source transaction (D1), and a clear error when Kafka stays
 * away longer than {@code sink.outage-timeout}.
 */
package dev.orderly.adapter.kafka;
