package dev.orderly.app.cli;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.ControlRecord;
import dev.orderly.domain.verify.Violation;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The records of a topic as they are read, decoded at once so that only the decoded form is kept:
 * control records by their headers alone ({@link RecordHeaders#readControl}), data records with the
 * topic's format. A record that cannot be decoded is an {@code UNREADABLE} violation. Not thread-safe.
 */
final class DecodedTopic implements Consumer<StoredRecord> {

    private final MessageFormatPort format;
    private final List<ConsumedRecord> records = new ArrayList<>();
    private final List<ControlRecord> controls = new ArrayList<>();
    private final List<Violation> unreadable = new ArrayList<>();

    DecodedTopic(MessageFormatPort format) {
        this.format = requireNonNull(format, "format is null");
    }

    @Override
    public void accept(StoredRecord stored) {
        try {
            if (RecordHeaders.isControl(stored.headers())) {
                RecordHeaders.readControl(stored.partition(), stored.offset(), stored.headers()).ifPresent(controls::add);
            } else if (stored.value() == null) {
                unreadable.add(new Violation("UNREADABLE", stored.partition(), stored.offset(),
                        "a tombstone (no value) without the orderly.marker header; orderly never writes one"));
            } else {
                records.add(format.read(stored.partition(), stored.offset(), stored.key(), stored.value(), stored.headers()));
            }
        } catch (IllegalArgumentException e) {
            unreadable.add(new Violation("UNREADABLE", stored.partition(), stored.offset(), "cannot decode the record as " + format.identifier()
                    + ": " + e.getMessage()));
        }
    }


    List<ConsumedRecord> records() {
        return records;
    }

    List<ControlRecord> controls() {
        return controls;
    }

    /** The records that could not be decoded, in the order read. */
    List<Violation> unreadable() {
        return unreadable;
    }
}
