package dev.orderly.ports;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A record as it is stored in a topic, read back for verification.
 *
 * @param partition its partition
 * @param offset its offset in the partition
 * @param key its key, {@code null} when it has none
 * @param value its value, {@code null} for a tombstone
 * @param headers its headers; a repeated name keeps the last value
 */
public record StoredRecord(int partition, long offset, byte[] key, byte[] value, Map<String, byte[]> headers) {

    public StoredRecord {
        requireNonNull(headers, "headers is null");
    }
}
