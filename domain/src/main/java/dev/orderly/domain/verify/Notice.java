package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Something the verifier found that the contract allows but a reader should know about, with where
 * it starts. Notices never make a report unclean.
 *
 * @param kind what was found
 * @param partition the partition of the first record concerned; -1 when no record can be pointed at
 * @param offset the offset of that record; -1 when no record can be pointed at
 * @param message what was found, quoting seq, indices and the offsets involved
 */
public record Notice(Kind kind, int partition, long offset, String message) {

    /** The kinds of notices. */
    public enum Kind {
        /**
         * A replayed suffix (D1): after a restart a partition holds a suffix of its records a second
         * time, from a transaction boundary, repeated exactly. Allowed only at-least-once.
         */
        REPLAY,
        /**
         * A transaction or schema change that is torn or missing but lies beyond what the topic proves
         * written (its watermarks and the records after it), so its records may still be in flight.
         * Only for a topic that may still be written.
         */
        IN_FLIGHT;

        /** The name in reports, e.g. {@code in-flight}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Notice {
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
        if (partition < -1) {
            throw new IllegalArgumentException("partition must be >= -1 but got " + partition);
        }
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be >= -1 but got " + offset);
        }
    }

    static Notice at(Kind kind, ConsumedRecord record, String message) {
        return new Notice(kind, record.partition(), record.offset(), message);
    }

    @Override
    public String toString() {
        String where = partition < 0 ? "" : " at partition " + partition + " offset " + offset;
        return kind.label() + where + ": " + message;
    }
}
