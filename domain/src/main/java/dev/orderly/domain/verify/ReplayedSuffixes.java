package dev.orderly.domain.verify;

import dev.orderly.domain.ordering.TransactionMark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Separates replayed suffixes from the records of a topic written at-least-once (D1). After a crash
 * the pipeline resumes after its last checkpoint, a transaction boundary, and sends every later
 * transaction again; so a partition may hold a suffix of its own records a second time: the same
 * records in the same order with the same content. That is allowed. Every other repeat of a
 * (seq, index) is a DUPLICATE, reported with the offsets that show it.
 *
 * <p>Each partition is read in offset order. A record whose (seq, index) the partition already holds
 * either continues the replay in progress (it repeats the record after the one repeated last) or
 * starts a replay. A replay starts at a transaction boundary as the partition sees it: the
 * transaction's first record in this partition. Under {@code one_partition} that is index 0; under
 * {@code hash} a transaction's first record in a partition may have any index, since its earlier
 * changes went to other partitions. A replay cut short by another crash may be followed by a new one
 * that starts at or before where it stopped, never after (that would skip records); a record the
 * partition has not held before may follow a replay only once it has repeated everything. A
 * transaction torn by a crash is completed by the replay that follows it. A replay still in progress
 * at the end of the partition is allowed: the topic may be read while orderly catches up.
 *
 * <p>Records without transaction fields cannot be matched and are kept. A (seq, index) found in two
 * partitions is a DUPLICATE: a replay writes a record to the partition it went to before.
 */
final class ReplayedSuffixes {

    /**
     * @param kept the records without the repeats, in (partition, offset) order
     * @param violations every repeat that is not part of an allowed replay
     * @param replayed how many records repeat earlier ones as part of an allowed replay
     * @param notices one {@link Notice.Kind#REPLAY} per allowed replay, at its first record
     */
    record Result(List<ConsumedRecord> kept, List<Violation> violations, long replayed, List<Notice> notices) {
    }

    private record SeqIndex(long seq, int index) {

        static SeqIndex of(ConsumedRecord record) {
            return new SeqIndex(record.txn().seq(), record.txn().index());
        }
    }

    private final List<Violation> violations = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private long replayed;

    private ReplayedSuffixes() {
    }

    /** @param records every record of the topic, sorted by partition, then offset */
    static Result separate(List<ConsumedRecord> records) {
        ReplayedSuffixes separation = new ReplayedSuffixes();
        List<ConsumedRecord> distinct = new ArrayList<>(records.size());
        Partition partition = null;
        for (ConsumedRecord record : records) {
            if (partition == null || partition.number != record.partition()) {
                if (partition != null) {
                    partition.closeReplay();
                }
                partition = separation.new Partition(record.partition());
            }
            if (partition.accept(record)) {
                distinct.add(record);
            }
        }
        if (partition != null) {
            partition.closeReplay();
        }
        return new Result(separation.withoutCrossPartitionRepeats(distinct), List.copyOf(separation.violations), separation.replayed,
                List.copyOf(separation.notices));
    }

    /** Keeps the first of records that share a (seq, index) across partitions; the others are DUPLICATEs. */
    private List<ConsumedRecord> withoutCrossPartitionRepeats(List<ConsumedRecord> distinct) {
        Map<SeqIndex, ConsumedRecord> firstOf = new HashMap<>();
        List<ConsumedRecord> kept = new ArrayList<>(distinct.size());
        for (ConsumedRecord record : distinct) {
            ConsumedRecord first = record.txn() == null ? null : firstOf.putIfAbsent(SeqIndex.of(record), record);
            if (first == null) {
                kept.add(record);
            } else {
                violations.add(Violation.at("DUPLICATE", record, describe(record) + " appears again in partition " + record.partition()
                        + "; its first record is at " + first.position() + ", and a replay writes a record to the partition it went to before"));
            }
        }
        return kept;
    }

    /** The records of one partition read so far, and the replay in progress. */
    private final class Partition {

        private final int number;
        /** The partition's records with transaction fields, repeats left out, in offset order. */
        private final List<ConsumedRecord> distinct = new ArrayList<>();
        private final Map<SeqIndex, Integer> positionOf = new HashMap<>();
        private final Map<Long, Integer> firstPositionOfSeq = new HashMap<>();
        /** The position in {@link #distinct} the replay in progress repeats next; -1 when no replay is in progress. */
        private int next = -1;
        private ConsumedRecord replayStart;
        private boolean replayAllowed;
        /** The allowed repeats of the replay in progress, and the first and last record of the partition they repeat. */
        private long replayRepeats;
        private ConsumedRecord firstRepeated;
        private ConsumedRecord lastRepeat;
        private ConsumedRecord lastRepeated;

        Partition(int number) {
            this.number = number;
        }

        /** @return whether the record is kept: not a repeat */
        boolean accept(ConsumedRecord record) {
            if (record.txn() == null) {
                return true;
            }
            Integer seen = positionOf.get(SeqIndex.of(record));
            if (seen == null) {
                endReplay(record);
                positionOf.put(SeqIndex.of(record), distinct.size());
                firstPositionOfSeq.putIfAbsent(record.txn().seq(), distinct.size());
                distinct.add(record);
                return true;
            }
            if (next < 0 || seen != next) {
                startReplay(record, seen);
            }
            next = seen + 1;
            ConsumedRecord original = distinct.get(seen);
            String difference = difference(original, record);
            if (difference != null) {
                violations.add(Violation.at("DUPLICATE", record, describe(record) + " appears again but differs from its first record at "
                        + original.position() + " in " + difference + "; a replay repeats records exactly"));
            } else if (replayAllowed) {
                replayed++;
                replayRepeats++;
                lastRepeat = record;
                lastRepeated = original;
            }
            return false;
        }

        private void startReplay(ConsumedRecord record, int seen) {
            closeReplay();
            ConsumedRecord original = distinct.get(seen);
            int first = firstPositionOfSeq.get(record.txn().seq());
            replayStart = record;
            firstRepeated = original;
            replayRepeats = 0;
            replayAllowed = false;
            if (next >= 0 && seen > next) {
                violations.add(Violation.at("DUPLICATE", record, "a replay skips records: " + describe(record) + " repeats the record at "
                        + original.position() + ", but the replay in progress had repeated only up to offset " + distinct.get(next - 1).offset()
                        + ", so the " + (seen - next) + " record(s) from " + distinct.get(next).position() + " (" + describe(distinct.get(next))
                        + ") were not repeated; a replay repeats a suffix without gaps"));
            } else if (seen != first) {
                ConsumedRecord boundary = distinct.get(first);
                violations.add(Violation.at("DUPLICATE", record, "a replay starts inside a transaction: " + describe(record)
                        + " repeats the record at " + original.position() + ", but the transaction's first record in partition " + number
                        + " is index " + boundary.txn().index() + " at offset " + boundary.offset()
                        + "; after a crash a replay restarts at a transaction boundary"));
            } else {
                replayAllowed = true;
            }
        }

        /** A record the partition has not held before: a replay in progress must have repeated everything. */
        private void endReplay(ConsumedRecord record) {
            if (next >= 0 && next < distinct.size() && replayAllowed) {
                violations.add(Violation.at("DUPLICATE", replayStart, "a replay stops short: the replay starting here (" + describe(replayStart)
                        + ") repeats records up to offset " + distinct.get(next - 1).offset() + " but then goes on with a new record at "
                        + record.position() + " (" + describe(record) + "), never repeating the " + (distinct.size() - next)
                        + " record(s) from " + distinct.get(next).position() + " (" + describe(distinct.get(next))
                        + "); a replay repeats the whole suffix before anything new"));
                replayAllowed = false;
            }
            closeReplay();
            next = -1;
        }

        /** Ends the replay in progress, if any: an allowed one becomes a notice. */
        void closeReplay() {
            if (replayStart != null && replayAllowed && replayRepeats > 0) {
                notices.add(Notice.at(Notice.Kind.REPLAY, replayStart, "replayed suffix: the " + replayRepeats + " record(s) at offsets "
                        + replayStart.offset() + " to " + lastRepeat.offset() + " of partition " + number + " repeat those at offsets "
                        + firstRepeated.offset() + " to " + lastRepeated.offset() + " (" + describe(replayStart) + " to " + describe(lastRepeat)
                        + "), from a transaction boundary; at-least-once delivery writes them again after a restart (D1)"));
            }
            replayStart = null;
            replayAllowed = false;
            replayRepeats = 0;
        }
    }

    /** The fields in which a repeat differs from the original, with both values; {@code null} when they agree. */
    private static String difference(ConsumedRecord original, ConsumedRecord repeat) {
        List<String> differences = new ArrayList<>();
        if (!Arrays.equals(original.key(), repeat.key())) {
            differences.add("key (" + text(repeat.key()) + " here, " + text(original.key()) + " first)");
        }
        compare(differences, "table", original.table(), repeat.table());
        compare(differences, "operation", original.operation(), repeat.operation());
        compare(differences, "before image", original.before(), repeat.before());
        compare(differences, "after image", original.after(), repeat.after());
        compare(differences, "transaction fields", original.txn(), repeat.txn());
        compare(differences, "split", original.split(), repeat.split());
        compare(differences, "schema version", original.schemaVersion(), repeat.schemaVersion());
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    private static void compare(List<String> differences, String field, Object original, Object repeat) {
        if (!Objects.equals(original, repeat)) {
            differences.add(field + " (" + repeat + " here, " + original + " first)");
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "none" : "'" + new String(bytes, StandardCharsets.UTF_8) + "'";
    }

    private static String describe(ConsumedRecord record) {
        TransactionMark txn = record.txn();
        return "seq " + txn.seq() + " index " + txn.index() + " (id '" + txn.id() + "')";
    }
}
