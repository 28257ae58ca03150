package dev.orderly.plugin.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.ports.MessageFormatPort;

/** Writes a record in a format and reads it back the way {@code orderly verify} does. */
public final class RoundTrip {

    public static final int PARTITION = 5;
    public static final long OFFSET = 77;

    private RoundTrip() {
    }

    /** Asserts that reading {@code record}'s value back gives its table, operation, images, split, mark and schema version. */
    public static ConsumedRecord assertReadsBack(MessageFormatPort format, RoutedRecord record) {
        ConsumedRecord consumed = format.read(PARTITION, OFFSET, record.key().encoded(), format.value(record), SampleRecords.headers(record));

        assertThat(consumed.partition()).isEqualTo(PARTITION);
        assertThat(consumed.offset()).isEqualTo(OFFSET);
        assertThat(consumed.key()).isEqualTo(record.key().encoded());
        assertThat(consumed.table()).isEqualTo(record.change().table());
        assertThat(consumed.operation()).isEqualTo(record.change().operation());
        assertThat(consumed.before()).isEqualTo(record.change().before());
        assertThat(consumed.after()).isEqualTo(record.change().after());
        assertThat(consumed.split()).isEqualTo(record.split());
        assertThat(consumed.txn()).isEqualTo(record.txn());
        assertThat(consumed.schemaVersion()).isEqualTo(record.schemaVersion());
        return consumed;
    }

    /**
     * Every kind of sample record (insert, update, delete, both key-change halves, an unsplit key change, a versioned row, a snapshot
     * read) reads back.
     */
    public static void assertReadsBackEveryKind(MessageFormatPort format) {
        assertReadsBack(format, SampleRecords.insert());
        assertReadsBack(format, SampleRecords.update());
        assertReadsBack(format, SampleRecords.delete());
        assertReadsBack(format, SampleRecords.keyChangeHalves().get(0));
        assertReadsBack(format, SampleRecords.keyChangeHalves().get(1));
        assertReadsBack(format, SampleRecords.unsplitKeyChange());
        assertReadsBack(format, SampleRecords.update().withSchemaVersion(1043));
        assertReadsBack(format, SampleRecords.snapshotRead());
    }
}
