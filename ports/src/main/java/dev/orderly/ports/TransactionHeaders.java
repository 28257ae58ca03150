package dev.orderly.ports;

/** The Kafka header names that carry a record's transaction mark in every format (O5, H4), and mark control records. */
public final class TransactionHeaders {

    public static final String ID = "orderly.txn.id";
    public static final String SEQ = "orderly.txn.seq";
    public static final String INDEX = "orderly.txn.index";
    public static final String COUNT = "orderly.txn.count";
    /** On control records only: the marker kind ({@code epoch}); data records never carry it. */
    public static final String MARKER = "orderly.marker";
    /** On epoch markers: the epoch that starts. */
    public static final String EPOCH = "orderly.epoch";

    private TransactionHeaders() {
    }
}
