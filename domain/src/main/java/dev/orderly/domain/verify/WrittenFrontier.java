package dev.orderly.domain.verify;

import dev.orderly.domain.ordering.OrderingGuarantee;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far a topic that may still be written proves itself written, so that what lies beyond can be
 * told apart as possibly in flight ({@link VerifierSettings#openEnded()}).
 *
 * <p>Each partition is written in send order, so once a partition holds a record of seq {@code s},
 * it holds every record it will get of the transactions before {@code s}: it proves seq
 * {@code s - 1}. A watermark {@code W} proves seq {@code W} for every partition. A transaction is
 * proven written when every partition that could hold its records proves it: partition 0 under
 * {@code one_partition}, every partition under {@code hash}. For a topic that is not open-ended
 * everything is proven.
 */
final class WrittenFrontier {

    private final boolean openEnded;
    private final Optional<ControlRecord> highestWatermark;
    private final Map<Integer, Long> highestSeq;
    private final long proven;

    private WrittenFrontier(boolean openEnded, Optional<ControlRecord> highestWatermark, Map<Integer, Long> highestSeq, long proven) {
        this.openEnded = openEnded;
        this.highestWatermark = highestWatermark;
        this.highestSeq = highestSeq;
        this.proven = proven;
    }

    /** @param kept the data records without repeats */
    static WrittenFrontier of(VerifierSettings settings, List<ConsumedRecord> kept, TopicControls controls) {
        Map<Integer, Long> highestSeq = new HashMap<>();
        for (ConsumedRecord record : kept) {
            if (record.txn() != null) {
                highestSeq.merge(record.partition(), record.txn().seq(), Math::max);
            }
        }
        controls.schemaChangesBySeq().values().forEach(copies -> copies.forEach(copy -> highestSeq.merge(copy.partition(), copy.seq(), Math::max)));
        long watermark = controls.highestWatermark().map(ControlRecord::seq).orElse(0L);
        long provenByPartitions;
        if (settings.guarantee() == OrderingGuarantee.TOTAL) {
            provenByPartitions = highestSeq.getOrDefault(0, 0L) - 1;
        } else {
            provenByPartitions = Long.MAX_VALUE;
            for (int partition = 0; partition < settings.partitionCount(); partition++) {
                provenByPartitions = Math.min(provenByPartitions, highestSeq.getOrDefault(partition, 0L) - 1);
            }
        }
        long proven = settings.openEnded() ? Math.max(watermark, provenByPartitions) : Long.MAX_VALUE;
        return new WrittenFrontier(settings.openEnded(), controls.highestWatermark(), highestSeq, proven);
    }

    /** Whether every record of seq {@code seq} is proven written, in every partition that could hold one. */
    boolean proves(long seq) {
        return seq <= proven;
    }

    /** Whether every record of seq {@code seq} that {@code partition} could hold is proven written there. */
    boolean provesIn(int partition, long seq) {
        if (!openEnded) {
            return true;
        }
        long watermark = highestWatermark.map(ControlRecord::seq).orElse(0L);
        return seq <= Math.max(watermark, highestSeq.getOrDefault(partition, 0L) - 1);
    }

    /** Why what is at or above {@code seq} may still be in flight, for messages. */
    String whyInFlight() {
        String watermark = highestWatermark.map(control -> "the highest watermark is " + control.seq() + " at " + control.position())
                .orElse("there is no watermark");
        return "the topic proves every transaction written only up to seq " + Math.max(proven, 0) + " (" + watermark
                + ", and not every partition that could hold them has a later record), so they may still be in flight";
    }
}
