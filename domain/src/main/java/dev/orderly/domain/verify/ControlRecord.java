package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A control record read back from a topic: an epoch marker (H8), a watermark (H5) or a schema change
 * (H6). Control records carry the {@code orderly.marker} header; data records never do.
 *
 * @param partition the partition it was read from, at least 0
 * @param offset its offset there, at least 0
 * @param kind what it is
 * @param seq for a watermark, the seq up to which every transaction is wholly written; for a schema
 *     change, its own seq (also the tables' new schema version); for an epoch marker, the last seq
 *     before the epoch
 * @param epoch for an epoch marker, the epoch that starts; 0 otherwise
 * @param tables for a schema change, the tables it changes; empty otherwise
 * @param transactionId for a schema change, the source transaction id of its statement; {@code null}
 *     otherwise
 */
public record ControlRecord(int partition, long offset, Kind kind, long seq, long epoch, List<TableId> tables, String transactionId) {

    /** The kinds of control records, named as in the {@code orderly.marker} header. */
    public enum Kind {
        EPOCH, WATERMARK, DDL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a header value names, if any. */
        public static Optional<Kind> byLabel(String label) {
            for (Kind kind : values()) {
                if (kind.label().equals(label)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public ControlRecord {
        requireNonNull(kind, "kind is null");
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 but got " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0 but got " + offset);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0 but got " + seq + " at partition " + partition + " offset " + offset);
        }
        if (kind == Kind.DDL && (tables.isEmpty() || seq < 1 || transactionId == null)) {
            throw new IllegalArgumentException("a schema change record needs its tables, a seq >= 1 and a transaction id but got tables " + tables
                    + ", seq " + seq + ", id " + transactionId + " at partition " + partition + " offset " + offset);
        }
    }

    public static ControlRecord watermark(int partition, long offset, long seq) {
        return new ControlRecord(partition, offset, Kind.WATERMARK, seq, 0, List.of(), null);
    }

    public static ControlRecord epoch(int partition, long offset, long seq, long epoch) {
        return new ControlRecord(partition, offset, Kind.EPOCH, seq, epoch, List.of(), null);
    }

    public static ControlRecord schemaChange(int partition, long offset, long seq, String transactionId, List<TableId> tables) {
        return new ControlRecord(partition, offset, Kind.DDL, seq, 0, tables, transactionId);
    }

    /** {@code partition P offset O}, for messages. */
    public String position() {
        return "partition " + partition + " offset " + offset;
    }
}
