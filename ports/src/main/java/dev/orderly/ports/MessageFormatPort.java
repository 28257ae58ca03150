package dev.orderly.ports;

import dev.orderly.domain.ordering.RoutedRecord;

/**
 * Turns a routed record into the bytes of a record value. The key and the transaction headers are
 * the same for every format and are written by the pipeline. Implementations are stateless and
 * thread-safe.
 */
public interface MessageFormatPort {

    /** The name users write in {@code format:}, e.g. {@code json}. */
    String identifier();

    /** The record value; never {@code null}. */
    byte[] value(RoutedRecord record);
}
