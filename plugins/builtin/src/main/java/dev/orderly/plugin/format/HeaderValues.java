package dev.orderly.plugin.format;

import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.TransactionHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a data record's headers carry (see {@link RecordHeaders}): its transaction mark and its
 * table's schema version, with messages that name the record's partition and offset.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    /**
     * The mark the headers carry.
     *
     * @return empty when the record has no {@link TransactionHeaders#SEQ} header
     * @throws IllegalArgumentException when the headers are incomplete or not numbers; the message names the partition and offset
     */
    public static Optional<TransactionMark> transactionMark(int partition, long offset, Map<String, byte[]> headers) {
        if (!headers.containsKey(TransactionHeaders.SEQ)) {
            return Optional.empty();
        }
        String where = " at partition " + partition + " offset " + offset;
        String id = text(headers, TransactionHeaders.ID, where);
        long seq = seq(headers, where);
        int index = number(headers, TransactionHeaders.INDEX, where);
        int count = headers.containsKey(TransactionHeaders.COUNT) ? number(headers, TransactionHeaders.COUNT, where) : TransactionMark.UNKNOWN_COUNT;
        try {
            return Optional.of(new TransactionMark(id, seq, index, count));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the transaction headers" + where + " do not form a transaction mark: " + e.getMessage(), e);
        }
    }

    /**
     * The table's schema version the headers carry; 0 when absent.
     *
     * @throws IllegalArgumentException when it is not a number; the message names the partition and offset
     */
    public static long schemaVersion(int partition, long offset, Map<String, byte[]> headers) {
        try {
            return RecordHeaders.schemaVersion(headers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " at partition " + partition + " offset " + offset, e);
        }
    }

    private static long seq(Map<String, byte[]> headers, String where) {
        String text = text(headers, TransactionHeaders.SEQ, where);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + TransactionHeaders.SEQ + " must be a whole number but got '" + text + "'" + where, e);
        }
    }

    private static int number(Map<String, byte[]> headers, String name, String where) {
        String text = text(headers, name, where);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + name + " must be a whole number but got '" + text + "'" + where, e);
        }
    }

    private static String text(Map<String, byte[]> headers, String name, String where) {
        byte[] value = headers.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing header " + name + where);
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
