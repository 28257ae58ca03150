/**
 * The Kafka sink: one idempotent producer whose settings can never reorder a partition (D3), topic
 * creation, and acknowledgement tracking per source transaction (D1).
 */
package dev.orderly.adapter.kafka;
