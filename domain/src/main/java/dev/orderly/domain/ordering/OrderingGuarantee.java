package dev.orderly.domain.ordering;

/** The order a partition rule promises to consumers; see DESIGN.md §1. */
public enum OrderingGuarantee {
    /** Every record in one partition, transactions whole and in commit order (O1-O5). */
    TOTAL,
    /** Changes to the same sharding key in one partition, in binlog order (H1-H4). */
    PER_KEY,
    /** All changes of a table in one partition, in binlog order. */
    PER_TABLE
}
