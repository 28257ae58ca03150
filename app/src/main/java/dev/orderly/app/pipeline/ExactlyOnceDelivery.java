package dev.orderly.app.pipeline;

import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.TransactionalSinkPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * D2: whole source transactions are grouped into Kafka transactions, each committed together with
 * the checkpoint after its last source transaction, so a {@code read_committed} consumer sees every
 * change exactly once. A source transaction with more records than {@code maxTransactionRecords} is
 * split over several Kafka transactions whose checkpoint stays at the transaction before it: after a
 * crash inside it, its first parts are written again (documented in docs/DELIVERY.md). An initial
 * snapshot is treated as one such source transaction: its transactions carry no checkpoint, so they
 * fill Kafka transactions committed without one until the first position after the snapshot.
 */
final class ExactlyOnceDelivery implements Delivery {

    private final TransactionalSinkPort sink;
    private final String topic;
    private final int maxTransactionRecords;
    private final Consumer<Throwable> onFailure;
    private Checkpoint committed;
    private Checkpoint sent;
    private int recordsInTransaction;
    /** Whether parts of a source transaction were sent but not its last: the Kafka transaction must not end before it unless it is full. */
    private boolean insideSourceTransaction;

    ExactlyOnceDelivery(TransactionalSinkPort sink, String topic, int maxTransactionRecords, Optional<Checkpoint> resumedFrom,
                        Consumer<Throwable> onFailure) {
        this.sink = sink;
        this.topic = topic;
        this.maxTransactionRecords = maxTransactionRecords;
        this.onFailure = onFailure;
        this.committed = resumedFrom.orElse(null);
        this.sent = committed;
    }

    @Override
    public CompletableFuture<Void> deliver(List<OutgoingRecord> records, Checkpoint end) {
        if (recordsInTransaction > 0 && recordsInTransaction + records.size() > maxTransactionRecords) {
            commit();
        }
        List<CompletableFuture<Void>> appended = new ArrayList<>(1);
        int from = 0;
        while (records.size() - from > maxTransactionRecords - recordsInTransaction) {
            int to = from + (maxTransactionRecords - recordsInTransaction);
            appended.add(send(records.subList(from, to)));
            // A split: this Kafka transaction ends inside a source transaction, so its checkpoint stays before it.
            commitAt(sent);
            from = to;
        }
        appended.add(send(records.subList(from, records.size())));
        insideSourceTransaction = end == null;
        if (end != null) {
            sent = end;
        }
        return appended.size() == 1 ? appended.get(0) : CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new));
    }

    @Override
    public void control(List<OutgoingRecord> records) {
        send(records);
    }

    private CompletableFuture<Void> send(List<OutgoingRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> appended = sink.send(topic, records);
        appended.whenComplete((ignored, error) -> {
            if (error != null) {
                onFailure.accept(error);
            }
        });
        recordsInTransaction += records.size();
        return appended;
    }

    @Override
    public void idle(Checkpoint at) {
        sent = at;
        // Between transactions; after an initial snapshot, whose transactions have no checkpoint, the first place to commit one.
        insideSourceTransaction = false;
    }

    @Override
    public void commit() {
        if (insideSourceTransaction) {
            // A streamed source transaction stays in one Kafka transaction until it ends or fills it (max-transaction-records).
            return;
        }
        if (sent != null && (recordsInTransaction > 0 || !sent.equals(committed))) {
            commitAt(sent);
        }
    }

    /** @param checkpoint null when the first source transaction ever is split: there is no position to commit yet */
    private void commitAt(Checkpoint checkpoint) {
        sink.commit(Optional.ofNullable(checkpoint));
        committed = checkpoint;
        recordsInTransaction = 0;
    }

    @Override
    public void finish() {
        commit();
    }

    @Override
    public long acknowledgedSeq() {
        return committed == null ? 0 : committed.seq();
    }

    @Override
    public Optional<Checkpoint> committed() {
        return Optional.ofNullable(committed);
    }
}
