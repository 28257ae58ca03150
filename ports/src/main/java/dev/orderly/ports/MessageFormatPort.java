package dev.orderly.ports;

import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.RoutedSchemaChange;
import dev.orderly.domain.verify.ConsumedRecord;
import java.util.Map;

/**
 * A record format: turns a routed record into the bytes of a record value, and reads such a value
 * back for verification. The key and the transaction headers are the same for every format and are
 * written by the pipeline. Implementations have a public no-argument constructor (they are found
 * through {@link java.util.ServiceLoader}), are stateless and thread-safe.
 */
public interface MessageFormatPort {

    /** The name users write in {@code format:}, e.g. {@code json}. */
    String identifier();

    /**
     * Whether an update that changes its table's primary key must reach this format as two records, a
     * delete of the old row and an insert of the new one (split halves, in that order), whatever the
     * partition rule; Debezium's envelope writes such a change that way. Default: no.
     */
    default boolean splitsPrimaryKeyChanges() {
        return false;
    }

    /** The record value; never {@code null}. */
    byte[] value(RoutedRecord record);

    /**
     * The value of a control record (see {@link Marker}); it also carries the
     * {@link TransactionHeaders#MARKER} header, so readers of any format can skip it.
     */
    byte[] marker(Marker marker);

    /**
     * The value of a schema change record (H6); it also carries the {@link TransactionHeaders#MARKER}
     * header ({@code ddl}) and the transaction headers of the change's own seq.
     */
    byte[] schemaChange(RoutedSchemaChange change);

    /**
     * Decodes a data record written in this format (control records are read from their headers alone,
     * see {@link RecordHeaders#readControl}).
     *
     * @param headers the record's headers (the transaction headers among them); the transaction mark and
     *     the schema version are read from them where present ({@link RecordHeaders#readTransactionMark},
     *     {@link RecordHeaders#schemaVersion}), since they are the same in every format
     * @throws IllegalArgumentException when the value is not a record of this format; the message says what is wrong
     */
    ConsumedRecord read(int partition, long offset, byte[] key, byte[] value, Map<String, byte[]> headers);
}
