package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The control records of a topic, indexed for the checks: watermarks (H5), schema change copies
 * (H6), epoch markers (H8). A schema change copy repeated in its partition is dropped: as part of a
 * replay when replays are allowed, else as a DUPLICATE.
 */
final class TopicControls {

    static final Comparator<ControlRecord> STREAM_ORDER =
            Comparator.comparingInt(ControlRecord::partition).thenComparingLong(ControlRecord::offset);

    private final List<ControlRecord> all;
    private final Map<Integer, List<ControlRecord>> keptByPartition = new HashMap<>();
    private final SortedMap<Long, List<ControlRecord>> schemaChangesBySeq = new TreeMap<>();
    private final Map<Integer, Long> lastEpochMarkerOffset = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private ControlRecord highestWatermark;

    private TopicControls(List<ControlRecord> controls, boolean replaysAllowed) {
        this.all = new ArrayList<>(controls);
        this.all.sort(STREAM_ORDER);
        Map<Integer, Map<Long, ControlRecord>> schemaChangeInPartition = new HashMap<>();
        for (ControlRecord control : all) {
            if (control.kind() == ControlRecord.Kind.DDL) {
                ControlRecord first = schemaChangeInPartition.computeIfAbsent(control.partition(), partition -> new HashMap<>())
                        .putIfAbsent(control.seq(), control);
                if (first != null) {
                    if (!replaysAllowed) {
                        violations.add(Violation.at("DUPLICATE", control, "the schema change seq " + control.seq() + " of " + control.tables()
                                + " appears again in partition " + control.partition() + "; its first copy there is at offset " + first.offset()));
                    }
                    continue;
                }
                schemaChangesBySeq.computeIfAbsent(control.seq(), seq -> new ArrayList<>()).add(control);
            }
            if (control.kind() == ControlRecord.Kind.EPOCH) {
                lastEpochMarkerOffset.put(control.partition(), control.offset());
            }
            if (control.kind() == ControlRecord.Kind.WATERMARK && (highestWatermark == null || control.seq() > highestWatermark.seq())) {
                highestWatermark = control;
            }
            keptByPartition.computeIfAbsent(control.partition(), partition -> new ArrayList<>()).add(control);
        }
    }

    /** @param controls the control records, any order; replays are allowed when the topic was written at-least-once */
    static TopicControls of(List<ControlRecord> controls, boolean replaysAllowed) {
        controls.forEach(control -> requireNonNull(control, "controls contains null"));
        return new TopicControls(controls, replaysAllowed);
    }

    /** How many control records there are, repeats included. */
    int size() {
        return all.size();
    }

    /** The repeated schema change copies, when replays are not allowed. */
    List<Violation> violations() {
        return violations;
    }

    /** A partition's control records, repeated schema change copies left out, in offset order. */
    List<ControlRecord> in(int partition) {
        return keptByPartition.getOrDefault(partition, List.of());
    }

    /** The partitions that hold a control record. */
    Set<Integer> partitions() {
        return keptByPartition.keySet();
    }

    /** Each schema change's copies, by seq, each in partition order; repeats left out. */
    SortedMap<Long, List<ControlRecord>> schemaChangesBySeq() {
        return schemaChangesBySeq;
    }

    /** The watermark with the highest seq in any partition (the first of equals in stream order). */
    Optional<ControlRecord> highestWatermark() {
        return Optional.ofNullable(highestWatermark);
    }

    /** The offset of the last epoch marker of a partition; -1 when it has none. */
    long lastEpochMarkerOffset(int partition) {
        return lastEpochMarkerOffset.getOrDefault(partition, -1L);
    }

    /** The marker of {@code epoch} in a partition, if it holds one. */
    Optional<ControlRecord> epochMarker(int partition, long epoch) {
        return in(partition).stream().filter(control -> control.kind() == ControlRecord.Kind.EPOCH && control.epoch() == epoch).findFirst();
    }
}
