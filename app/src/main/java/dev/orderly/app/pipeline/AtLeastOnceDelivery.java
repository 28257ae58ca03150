package dev.orderly.app.pipeline;

import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.OffsetStorePort;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.SinkPort;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * D1: transactions are sent without waiting for earlier acknowledgements; the checkpoint moves only
 * over a prefix of transactions Kafka has wholly acknowledged, so a restart resumes at a transaction
 * boundary and a consumer may see a suffix again, never a gap or a reordering.
 */
final class AtLeastOnceDelivery implements Delivery {

    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(60);

    /** A transaction, a part of one or control records ({@code end} null), or an idle position, waiting for its acknowledgement. */
    private record Pending(Checkpoint end, CompletableFuture<Void> acknowledged) {
    }

    private final SinkPort sink;
    private final OffsetStorePort offsets;
    private final String topic;
    private final Consumer<Throwable> onFailure;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Checkpoint committed;
    private Checkpoint acknowledged;

    AtLeastOnceDelivery(SinkPort sink, OffsetStorePort offsets, String topic, Optional<Checkpoint> resumedFrom, Consumer<Throwable> onFailure) {
        this.sink = sink;
        this.offsets = offsets;
        this.topic = topic;
        this.onFailure = onFailure;
        this.committed = resumedFrom.orElse(null);
    }

    @Override
    public CompletableFuture<Void> deliver(List<OutgoingRecord> records, Checkpoint end) {
        CompletableFuture<Void> acknowledgement = sink.send(topic, records);
        acknowledgement.whenComplete((ignored, error) -> {
            if (error != null) {
                onFailure.accept(error);
            }
        });
        pending.add(new Pending(end, acknowledgement));
        return acknowledgement;
    }

    @Override
    public void control(List<OutgoingRecord> records) {
        deliver(records, null);
    }

    @Override
    public void idle(Checkpoint at) {
        pending.add(new Pending(at, CompletableFuture.completedFuture(null)));
    }

    @Override
    public void commit() {
        while (!pending.isEmpty() && pending.peek().acknowledged().isDone()) {
            if (pending.peek().acknowledged().isCompletedExceptionally()) {
                // Never move past a failed transaction: later ones may be acknowledged, but the gap must be replayed.
                break;
            }
            Pending entry = pending.poll();
            if (entry.end() != null) {
                acknowledged = entry.end();
            }
        }
        if (acknowledged != null && !acknowledged.equals(committed)) {
            offsets.commit(acknowledged);
            committed = acknowledged;
        }
    }

    @Override
    public void finish() {
        try {
            sink.flush();
            for (Pending entry : new ArrayList<>(pending)) {
                entry.acknowledged().get(FINISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            onFailure.accept(e.getCause());
        } catch (TimeoutException e) {
            onFailure.accept(new IllegalStateException("Kafka did not acknowledge every record within " + FINISH_TIMEOUT.toSeconds() + " s of stopping", e));
        }
        commit();
    }

    @Override
    public long acknowledgedSeq() {
        long seq = acknowledged != null ? acknowledged.seq() : committed != null ? committed.seq() : 0;
        // Count what is acknowledged but not yet swept from the queue, without committing it.
        for (Pending entry : pending) {
            if (!entry.acknowledged().isDone() || entry.acknowledged().isCompletedExceptionally()) {
                break;
            }
            if (entry.end() != null) {
                seq = entry.end().seq();
            }
        }
        return seq;
    }

    @Override
    public Optional<Checkpoint> committed() {
        return Optional.ofNullable(committed);
    }
}
