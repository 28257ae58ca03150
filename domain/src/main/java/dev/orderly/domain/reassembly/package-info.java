/**
 * Puts the records of a {@code hash} topic back together (DESIGN.md §5): records of one transaction
 * are spread over all partitions, each partition keeps commit order, and every partition carries
 * watermarks (H5). {@link dev.orderly.domain.reassembly.TransactionReassembler} merges the partitions
 * and releases whole transactions, and schema changes (H6), in {@code seq} order once every
 * partition's watermark has passed them; it reports a transaction that a watermark declares complete
 * but is not, with the offsets that prove it. Nothing here knows Kafka or a record format: the caller
 * decodes records into {@link dev.orderly.domain.verify.ConsumedRecord}s and
 * {@link dev.orderly.domain.verify.ControlRecord}s.
 */
package dev.orderly.domain.reassembly;
