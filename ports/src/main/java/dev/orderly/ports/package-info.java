/**
 * The interfaces the pipeline needs from the outside world: a binlog source, a sink, an offset store,
 * table metadata and a record format. Adapters implement them; the pipeline in {@code app} talks to
 * nothing else. Depends on {@code domain} only and mentions no Kafka or Debezium type.
 */
package dev.orderly.ports;
