package dev.orderly.app.pipeline;

import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.OutgoingRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How records reach the sink and when the checkpoint moves: one implementation per delivery
 * guarantee (D1, D2). Threading: {@link PipelineRun} calls every method under its lock.
 */
interface Delivery {

    /**
     * Sends the records of one source transaction or schema change, or of one part of a transaction.
     *
     * @param end the checkpoint once these records are written: where the source resumes after the
     *     transaction; {@code null} for a part that is not the last, and for a transaction of an initial
     *     snapshot (the source cannot resume inside its snapshot: a restart takes it again)
     * @return completes when Kafka has appended every one of the records (not when they are committed)
     */
    CompletableFuture<Void> deliver(List<OutgoingRecord> records, Checkpoint end);

    /** Sends control records (watermarks) between transactions; they move no checkpoint. */
    void control(List<OutgoingRecord> records);

    /** The source is idle at {@code at}'s position, after transaction {@code at.seq()}. */
    void idle(Checkpoint at);

    /** Commits what may be committed now; called every commit interval. */
    void commit();

    /** The source has stopped: waits for everything sent and commits it. */
    void finish();

    /** The highest seq up to which every transaction is written for good (acknowledged, or committed). */
    long acknowledgedSeq();

    /** The last committed checkpoint, or the one the run resumed from. */
    Optional<Checkpoint> committed();
}
