package dev.orderly.ports;

/**
 * The Kafka header names that carry a record's transaction mark in every format (O5, H4), and mark
 * control records: watermarks, epoch markers and schema changes (see docs/FORMAT.md).
 */
public final class TransactionHeaders {

    public static final String ID = "orderly.txn.id";
    public static final String SEQ = "orderly.txn.seq";
    public static final String INDEX = "orderly.txn.index";
    public static final String COUNT = "orderly.txn.count";
    /** On control records only: the marker kind ({@code epoch}, {@code watermark}, {@code ddl}); data records never carry it. */
    public static final String MARKER = "orderly.marker";
    /** On epoch markers: the epoch that starts. */
    public static final String EPOCH = "orderly.epoch";
    /** On watermarks (H5): every transaction with a seq up to this one is wholly written on every partition. */
    public static final String WATERMARK = "orderly.watermark";
    /**
     * The table's schema version (H6): on a schema change record the version it starts (its own
     * seq), on a row record the version its table had when it was written; absent on rows of a table
     * that has seen no schema change (version 0).
     */
    public static final String SCHEMA_VERSION = "orderly.schema.version";
    /** On schema change records: the tables changed, {@code db.table} separated by commas. */
    public static final String DDL_TABLES = "orderly.ddl.tables";
    /** On a row record written key-only because it was too large ({@code sink.oversized: key-only}): its size in bytes when whole. */
    public static final String OVERSIZED = "orderly.oversized";

    private TransactionHeaders() {
    }
}
