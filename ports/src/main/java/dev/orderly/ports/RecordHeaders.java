package dev.orderly.ports;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedSchemaChange;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.ControlRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes and reads the {@link TransactionHeaders}: the one place that knows how a record's
 * transaction mark, schema version and control kind become Kafka headers, so every format carries
 * them alike and readers need no format to recognise a control record.
 */
public final class RecordHeaders {

    private RecordHeaders() {
    }

    /** The headers of a row record: its transaction mark, and its table's schema version when it is not 0. */
    public static Map<String, byte[]> ofRow(TransactionMark txn, long schemaVersion) {
        Map<String, byte[]> headers = new LinkedHashMap<>(8);
        putTransaction(headers, txn);
        if (schemaVersion != 0) {
            headers.put(TransactionHeaders.SCHEMA_VERSION, text(schemaVersion));
        }
        return headers;
    }

    /** The headers of a row record written key-only: {@link #ofRow}'s and {@link TransactionHeaders#OVERSIZED} with its whole size. */
    public static Map<String, byte[]> ofOversizedRow(TransactionMark txn, long schemaVersion, int wholeSize) {
        Map<String, byte[]> headers = ofRow(txn, schemaVersion);
        headers.put(TransactionHeaders.OVERSIZED, text(wholeSize));
        return headers;
    }

    /** The headers of an epoch marker or a watermark. */
    public static Map<String, byte[]> ofMarker(Marker marker) {
        Map<String, byte[]> headers = new LinkedHashMap<>(4);
        headers.put(TransactionHeaders.MARKER, marker.kind().label().getBytes(StandardCharsets.UTF_8));
        switch (marker.kind()) {
            case EPOCH -> headers.put(TransactionHeaders.EPOCH, text(marker.epoch()));
            case WATERMARK -> headers.put(TransactionHeaders.WATERMARK, text(marker.seq()));
        }
        return headers;
    }

    /** The headers of a schema change record: {@code ddl}, its own transaction mark, the version it starts and its tables. */
    public static Map<String, byte[]> ofSchemaChange(RoutedSchemaChange change) {
        Map<String, byte[]> headers = new LinkedHashMap<>(8);
        headers.put(TransactionHeaders.MARKER, ControlRecord.Kind.DDL.label().getBytes(StandardCharsets.UTF_8));
        putTransaction(headers, change.txn());
        headers.put(TransactionHeaders.SCHEMA_VERSION, text(change.schemaVersion()));
        headers.put(TransactionHeaders.DDL_TABLES,
                change.change().tables().stream().map(TableId::toString).collect(Collectors.joining(",")).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** Whether the headers mark a control record (any {@code orderly.marker}, known or not). */
    public static boolean isControl(Map<String, byte[]> headers) {
        return headers.containsKey(TransactionHeaders.MARKER);
    }

    /**
     * Decodes a control record from its headers alone.
     *
     * @return empty for a data record
     * @throws IllegalArgumentException when the marker is unknown or its headers are incomplete; the
     *     message names the record's partition and offset
     */
    public static Optional<ControlRecord> readControl(int partition, long offset, Map<String, byte[]> headers) {
        byte[] marker = headers.get(TransactionHeaders.MARKER);
        if (marker == null) {
            return Optional.empty();
        }
        String label = new String(marker, StandardCharsets.UTF_8);
        String where = where(partition, offset);
        ControlRecord.Kind kind = ControlRecord.Kind.byLabel(label).orElseThrow(() -> new IllegalArgumentException("unknown control record '"
                + label + "'" + where + "; known: " + Arrays.stream(ControlRecord.Kind.values()).map(ControlRecord.Kind::label).toList()));
        return Optional.of(switch (kind) {
            case WATERMARK -> ControlRecord.watermark(partition, offset, number(headers, TransactionHeaders.WATERMARK, where));
            case EPOCH -> ControlRecord.epoch(partition, offset, 0, number(headers, TransactionHeaders.EPOCH, where));
            case DDL -> ControlRecord.schemaChange(partition, offset, number(headers, TransactionHeaders.SEQ, where), text(headers, TransactionHeaders.ID, where),
                    tables(headers, where));
        });
    }

    /**
     * The transaction mark a data record's headers carry.
     *
     * @return empty when the record has no {@link TransactionHeaders#SEQ} header
     * @throws IllegalArgumentException when the headers are incomplete or not numbers; the message
     *     names the record's partition and offset
     */
    public static Optional<TransactionMark> readTransactionMark(int partition, long offset, Map<String, byte[]> headers) {
        if (!headers.containsKey(TransactionHeaders.SEQ)) {
            return Optional.empty();
        }
        String where = where(partition, offset);
        String id = text(headers, TransactionHeaders.ID, where);
        long seq = number(headers, TransactionHeaders.SEQ, where);
        int index = integer(headers, TransactionHeaders.INDEX, where);
        int count = headers.containsKey(TransactionHeaders.COUNT) ? integer(headers, TransactionHeaders.COUNT, where) : TransactionMark.UNKNOWN_COUNT;
        try {
            return Optional.of(new TransactionMark(id, seq, index, count));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the transaction headers" + where + " do not form a transaction mark: " + e.getMessage(), e);
        }
    }

    /**
     * The schema version a row record's headers carry; 0 when absent.
     *
     * @throws IllegalArgumentException when it is not a number; the message names the record's partition and offset
     */
    public static long schemaVersion(int partition, long offset, Map<String, byte[]> headers) {
        return headers.containsKey(TransactionHeaders.SCHEMA_VERSION) ? number(headers, TransactionHeaders.SCHEMA_VERSION, where(partition, offset)) : 0;
    }

    private static void putTransaction(Map<String, byte[]> headers, TransactionMark txn) {
        headers.put(TransactionHeaders.ID, txn.id().getBytes(StandardCharsets.UTF_8));
        headers.put(TransactionHeaders.SEQ, text(txn.seq()));
        headers.put(TransactionHeaders.INDEX, text(txn.index()));
        if (txn.countKnown()) {
            headers.put(TransactionHeaders.COUNT, text(txn.count()));
        }
    }

    private static List<TableId> tables(Map<String, byte[]> headers, String where) {
        byte[] value = headers.get(TransactionHeaders.DDL_TABLES);
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("schema change record without header " + TransactionHeaders.DDL_TABLES + where);
        }
        return Arrays.stream(new String(value, StandardCharsets.UTF_8).split(",")).map(TableId::parse).toList();
    }

    private static String text(Map<String, byte[]> headers, String name, String where) {
        byte[] value = headers.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing header " + name + where);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static long number(Map<String, byte[]> headers, String name, String where) {
        String text = text(headers, name, where);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + name + " must be a whole number but got '" + text + "'" + where, e);
        }
    }

    private static int integer(Map<String, byte[]> headers, String name, String where) {
        long value = number(headers, name, where);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("header " + name + " must fit in an int but got " + value + where);
        }
        return (int) value;
    }

    private static String where(int partition, long offset) {
        return " at partition " + partition + " offset " + offset;
    }

    private static byte[] text(long number) {
        return Long.toString(number).getBytes(StandardCharsets.UTF_8);
    }
}
