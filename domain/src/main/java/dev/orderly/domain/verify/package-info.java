/**
 * Checks a stream read back from a topic against the ordering contract (DESIGN.md §1: O1-O5 for
 * {@code one_partition}, H1-H6 for {@code hash}, with its control records: watermarks and schema
 * changes) and, when given, against what the source really committed. The caller decodes records
 * (JSON, headers...) into {@link dev.orderly.domain.verify.ConsumedRecord}s and
 * {@link dev.orderly.domain.verify.ControlRecord}s; nothing here knows a record format or Kafka. Entry
 * point: {@link dev.orderly.domain.verify.OrderVerifier#verify}.
 */
package dev.orderly.domain.verify;
