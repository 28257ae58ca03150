package dev.orderly.domain.reassembly;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.ControlRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Merges the partitions of a {@code hash} topic back into whole transactions in commit order (H5).
 * Feed it every record of every partition, each partition in offset order (partitions may interleave
 * in any way), then call {@link #release()}: it returns, in {@code seq} order, every transaction that
 * the watermarks of all partitions have passed.
 *
 * <p>Rules it relies on and checks:
 * <ul>
 *   <li>A watermark {@code W} in a partition says every transaction with {@code seq <= W} is wholly
 *       written on every partition, before the watermark in that partition. So once the lowest watermark
 *       over all partitions (the <em>low watermark</em>) reaches a seq, every record of it has been read.
 *       A transaction the low watermark passed that is not whole (an index missing, no record carrying
 *       the count, a schema change copy missing on a partition), or a seq with no record at all, is a
 *       {@link TransactionReassemblyException} naming the records present and the watermarks that passed it.</li>
 *   <li>Seqs are consecutive from the first one released; the topic may start at any seq (retention may
 *       have deleted its beginning, but then its first transactions may well be reported torn).</li>
 *   <li>A schema change ({@link ControlRecord.Kind#DDL}) takes a seq of its own and has one copy in every
 *       partition (H6); it is released once, as {@link ReassembledTransaction#ofSchemaChange}.</li>
 *   <li>At-least-once delivery (D1) may write a suffix again after a crash: a record whose seq was already
 *       released, or whose (seq, index) is already held (for a schema change: whose copy from that
 *       partition is already held), is dropped and counted in {@link #droppedReplays()}. A watermark lower
 *       than one already seen in its partition changes nothing.</li>
 *   <li>Epoch markers ({@link ControlRecord.Kind#EPOCH}) are ignored: the partition count is fixed for
 *       the life of a reassembler, and a record from a partition outside it is rejected. Reading across
 *       a repartition needs a new reassembler from the epoch on.</li>
 * </ul>
 *
 * <p>Memory is bounded: at most {@code maxBufferedRecords} records (data records and schema change
 * copies) are held; one more is a {@link TransactionReassemblyException} naming the partitions that
 * hold the low watermark back. Every failing call leaves the reassembler as it was.
 *
 * <p>Not thread-safe: use it from one thread, or guard it. It holds no resources.
 */
public final class TransactionReassembler {

    private static final String FIX_HINT = "A partition must hold every record of a transaction before the first watermark that covers it"
            + " (H5); the writer broke that promise, or records were deleted (retention, compaction) or written to partitions not read";

    private final int partitionCount;
    private final int maxBufferedRecords;
    /** The watermark with the highest seq read from each partition; {@code null} before its first. */
    private final ControlRecord[] watermarks;
    private final NavigableMap<Long, PendingTransaction<?>> pending = new TreeMap<>();
    private int bufferedRecords;
    private long releasedSeq;
    private long droppedReplays;

    /**
     * @param partitionCount the topic's partition count, at least 1
     * @param maxBufferedRecords how many records may wait for the watermarks at most, at least 1; it must
     *     exceed the largest transaction and what the partitions write between two watermarks
     */
    public TransactionReassembler(int partitionCount, int maxBufferedRecords) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
        if (maxBufferedRecords < 1) {
            throw new IllegalArgumentException("maxBufferedRecords must be >= 1 but got " + maxBufferedRecords);
        }
        this.partitionCount = partitionCount;
        this.maxBufferedRecords = maxBufferedRecords;
        this.watermarks = new ControlRecord[partitionCount];
    }

    /**
     * Holds a data record until its transaction is released, or drops it as a replay.
     *
     * @param record a record of partition {@code 0 <= p < partitionCount}; not {@code null}
     * @throws IllegalArgumentException when its partition is outside the topic
     * @throws TransactionReassemblyException when it has no transaction fields (H4), contradicts the
     *     records held for its seq (another id or count, an index beyond the count, a schema change with
     *     that seq), or would exceed the buffer limit
     */
    public void add(ConsumedRecord record) {
        requireNonNull(record, "record is null");
        checkPartition(record.partition(), record.position());
        TransactionMark txn = record.txn();
        if (txn == null) {
            throw new TransactionReassemblyException("the record at " + record.position() + " has no transaction fields (id, seq, index, count),"
                    + " so its transaction cannot be put back together (H4); is the topic written by orderly in hash mode?");
        }
        if (txn.seq() <= releasedSeq) {
            droppedReplays++;
            return;
        }
        hold(txn.seq(), record, "a data record", record.position(), PendingRows.class, () -> new PendingRows(record));
    }

    /**
     * Takes in a control record: a watermark raises its partition's watermark, a schema change copy is
     * held until released (or dropped as a replay), an epoch marker is ignored.
     *
     * @param control a control record of partition {@code 0 <= p < partitionCount}; not {@code null}
     * @throws IllegalArgumentException when its partition is outside the topic
     * @throws TransactionReassemblyException when a schema change copy contradicts what is held for its
     *     seq (data records, other tables) or would exceed the buffer limit
     */
    public void add(ControlRecord control) {
        requireNonNull(control, "control is null");
        checkPartition(control.partition(), control.position());
        switch (control.kind()) {
            case WATERMARK -> {
                ControlRecord last = watermarks[control.partition()];
                if (last == null || control.seq() > last.seq()) {
                    watermarks[control.partition()] = control;
                }
            }
            case DDL -> hold(control.seq(), control, "a schema change", control.position(), PendingSchemaChange.class,
                    () -> new PendingSchemaChange(control, partitionCount));
            case EPOCH -> {
                // Ignored on purpose: see the class comment.
            }
        }
    }

    /**
     * Holds {@code piece} of transaction {@code seq}, unless it is a replay: its seq released already, or
     * the same piece held.
     */
    private <T> void hold(long seq, T piece, String what, String position, Class<? extends PendingTransaction<T>> kind,
                          Supplier<PendingTransaction<T>> first) {
        if (seq <= releasedSeq) {
            droppedReplays++;
            return;
        }
        PendingTransaction<?> held = pending.get(seq);
        if (held != null && !kind.isInstance(held)) {
            throw new TransactionReassemblyException("seq " + seq + " is both " + held.describe() + " at " + held.positions() + " and "
                    + what + " at " + position + "; a seq is either a transaction of data records or a schema change");
        }
        PendingTransaction<T> same = kind.cast(held);
        if (same != null) {
            if (same.holds(piece)) {
                droppedReplays++;
                return;
            }
            same.checkFits(piece);
        }
        checkRoomFor(position, seq);
        if (same == null) {
            pending.put(seq, first.get());
        } else {
            same.add(piece);
        }
        bufferedRecords++;
    }

    /**
     * Removes and returns every held transaction with a seq up to the {@linkplain #lowWatermark() low
     * watermark}, in strictly increasing seq order; empty when there is none. When one of them is not
     * whole, or a seq is missing, the whole transactions before it are returned, and the call after
     * throws.
     *
     * @throws TransactionReassemblyException when the first transaction due is not whole, or a seq due
     *     is missing; the message names what is missing, the records present and the watermarks that
     *     passed it
     */
    public List<ReassembledTransaction> release() {
        long low = lowWatermark();
        List<ReassembledTransaction> released = new ArrayList<>();
        while (releasedSeq < low) {
            Map.Entry<Long, PendingTransaction<?>> next = pending.firstEntry();
            Optional<String> violation = violation(next, low);
            if (violation.isPresent()) {
                if (released.isEmpty()) {
                    throw new TransactionReassemblyException(violation.get());
                }
                break;
            }
            if (next == null || next.getKey() > low) {
                break;
            }
            pending.pollFirstEntry();
            PendingTransaction<?> transaction = next.getValue();
            released.add(transaction.reassembled());
            bufferedRecords -= transaction.size();
            releasedSeq = transaction.seq();
        }
        return List.copyOf(released);
    }

    /** Why {@code next}, the first held transaction, cannot be released under watermark {@code low}; empty if nothing is wrong. */
    private Optional<String> violation(Map.Entry<Long, PendingTransaction<?>> next, long low) {
        boolean started = releasedSeq > 0;
        long expected = releasedSeq + 1;
        long nextSeq = next == null ? Long.MAX_VALUE : next.getKey();
        if (started && nextSeq > expected) {
            long lastMissing = Math.min(nextSeq - 1, low);
            boolean one = lastMissing == expected;
            String them = one ? "it" : "them";
            return Optional.of((one ? "seq " + expected + " is" : "seqs " + expected + " to " + lastMissing + " are") + " missing: no record of "
                    + them + " on any partition, although every partition's watermark passed " + them + " (released up to seq " + releasedSeq
                    + (next == null ? ", nothing else held" : ", next held seq " + nextSeq) + "). " + passedBy(them) + ". " + FIX_HINT);
        }
        if (nextSeq > low) {
            return Optional.empty();
        }
        PendingTransaction<?> transaction = next.getValue();
        return transaction.missing().map(missing -> transaction.describe() + " is not whole although every partition's watermark passed it: "
                + missing + ". Present: " + transaction.positions() + ". " + passedBy("it") + ". " + FIX_HINT);
    }

    /** {@code Watermarks that passed it: partition 0 offset 12 (watermark 9), …}. */
    private String passedBy(String pronoun) {
        return "Watermarks that passed " + pronoun + ": " + IntStream.range(0, partitionCount)
                .mapToObj(partition -> watermarks[partition].position() + " (watermark " + watermarks[partition].seq() + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * The seq up to which every partition's watermark has passed: the lowest over all partitions of the
     * highest watermark each has shown; 0 while some partition has shown none.
     */
    public long lowWatermark() {
        long low = Long.MAX_VALUE;
        for (ControlRecord watermark : watermarks) {
            low = Math.min(low, watermark == null ? 0 : watermark.seq());
        }
        return low;
    }

    /** How many records (data records and schema change copies) are held, waiting for the watermarks. */
    public int bufferedRecords() {
        return bufferedRecords;
    }

    /** The seq of the last transaction released; 0 before the first. */
    public long releasedSeq() {
        return releasedSeq;
    }

    /** How many records were dropped as replays (D1): already released, or already held. */
    public long droppedReplays() {
        return droppedReplays;
    }

    private void checkPartition(int partition, String position) {
        if (partition >= partitionCount) {
            throw new IllegalArgumentException("partition must be in [0, " + partitionCount + ") but got the record at " + position
                    + "; a reassembler reads one topic whose partition count does not change");
        }
    }

    private void checkRoomFor(String position, long seq) {
        if (bufferedRecords < maxBufferedRecords) {
            return;
        }
        PendingTransaction<?> largest = pending.values().stream().max(Comparator.comparingInt(PendingTransaction::size)).orElseThrow();
        throw new TransactionReassemblyException("cannot hold the record at " + position + " (seq " + seq + "): " + bufferedRecords
                + " records wait for the watermarks, the limit maxBufferedRecords is " + maxBufferedRecords + ". " + holdingBack()
                + " Held: seq " + pending.firstKey() + " to " + pending.lastKey() + "; the largest, " + largest.describe() + ", has "
                + largest.size() + " records. Find why the low watermark does not advance: a stalled partition (its consumer or the"
                + " writer), or a writer that writes no watermarks (hash mode writes them); or raise maxBufferedRecords above the largest"
                + " transaction and what the partitions hold between two watermarks.");
    }

    /** Which partitions hold the low watermark back, and where the others stand. */
    private String holdingBack() {
        long low = lowWatermark();
        List<Integer> behind = IntStream.range(0, partitionCount).filter(partition -> watermarkOf(partition) == low).boxed().toList();
        String others = IntStream.range(0, partitionCount).filter(partition -> watermarkOf(partition) != low)
                .mapToObj(partition -> partition + ": " + watermarkOf(partition)).collect(Collectors.joining(", "));
        if (behind.size() == partitionCount) {
            return low == 0 ? "No partition has shown a watermark yet, so nothing held can be released."
                    : "Every partition's watermark is " + low + ", so nothing held is complete yet.";
        }
        String which = behind.size() == 1 ? "partition " + behind.get(0) : "partitions " + behind;
        return which + " hold" + (behind.size() == 1 ? "s" : "") + " the low watermark back at " + describeWatermark(behind.get(0))
                + "; the others are at " + others + ".";
    }

    private long watermarkOf(int partition) {
        return watermarks[partition] == null ? 0 : watermarks[partition].seq();
    }

    private String describeWatermark(int partition) {
        ControlRecord watermark = watermarks[partition];
        return watermark == null ? "none yet" : watermark.seq() + " (" + watermark.position() + ")";
    }

    @Override
    public String toString() {
        return "TransactionReassembler[" + partitionCount + " partitions, low watermark " + lowWatermark() + ", released up to seq "
                + releasedSeq + ", " + bufferedRecords + " records held, " + droppedReplays + " replays dropped]";
    }
}
