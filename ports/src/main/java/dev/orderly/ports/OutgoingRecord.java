package dev.orderly.ports;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One record for the sink, fully formatted.
 *
 * @param partition the target partition, at least 0
 * @param key the record key (the encoded sharding key); {@code null} when the change has no key
 * @param value the formatted record value; never {@code null}
 * @param headers header names to values, in a stable order; never {@code null}
 */
public record OutgoingRecord(int partition, byte[] key, byte[] value, Map<String, byte[]> headers) {

    public OutgoingRecord {
        requireNonNull(value, "value is null");
        requireNonNull(headers, "headers is null");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 but got " + partition);
        }
    }

    /** The bytes of the key, the value and the headers' names and values: what the record weighs, before the log's framing. */
    public int size() {
        int size = (key == null ? 0 : key.length) + value.length;
        for (Map.Entry<String, byte[]> header : headers.entrySet()) {
            size += header.getKey().length() + (header.getValue() == null ? 0 : header.getValue().length);
        }
        return size;
    }
}
