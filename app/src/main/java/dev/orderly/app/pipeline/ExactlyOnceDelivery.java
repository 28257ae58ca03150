package dev.orderly.app.pipeline;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.TransactionalSinkPort;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * D2: whole source transactions are grouped into Kafka transactions, each committed together with
 * the checkpoint after its last source transaction, so a {@code read_committed} consumer sees every
 * change exactly once. A source transaction with more records than {@code maxTransactionRecords} is
 * split over several Kafka transactions whose checkpoint stays at the transaction before it: after a
 * crash inside it, its first parts are written again (documented in docs/DELIVERY.md).
 */
final class ExactlyOnceDelivery implements Delivery {

    private final TransactionalSinkPort sink;
    private final String topic;
    private final int partitionCount;
    private final long epoch;
    private final int maxTransactionRecords;
    private final Consumer<Throwable> onFailure;
    private Checkpoint committed;
    private Checkpoint sent;
    private int recordsInTransaction;

    ExactlyOnceDelivery(TransactionalSinkPort sink, String topic, int partitionCount, long epoch, int maxTransactionRecords,
                        Optional<Checkpoint> resumedFrom, Consumer<Throwable> onFailure) {
        this.sink = sink;
        this.topic = topic;
        this.partitionCount = partitionCount;
        this.epoch = epoch;
        this.maxTransactionRecords = maxTransactionRecords;
        this.onFailure = onFailure;
        this.committed = resumedFrom.orElse(null);
        this.sent = committed;
    }

    @Override
    public void deliver(long seq, SourcePosition end, List<OutgoingRecord> records) {
        if (recordsInTransaction > 0 && recordsInTransaction + records.size() > maxTransactionRecords) {
            commit();
        }
        int from = 0;
        while (records.size() - from > maxTransactionRecords - recordsInTransaction) {
            int to = from + (maxTransactionRecords - recordsInTransaction);
            send(records.subList(from, to));
            // A split: this Kafka transaction ends inside a source transaction, so its checkpoint stays before it.
            commitAt(sent);
            from = to;
        }
        send(records.subList(from, records.size()));
        if (end != null) {
            sent = new Checkpoint(end, seq, partitionCount, epoch);
        }
    }

    private void send(List<OutgoingRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        sink.send(topic, records).whenComplete((ignored, error) -> {
            if (error != null) {
                onFailure.accept(error);
            }
        });
        recordsInTransaction += records.size();
    }

    @Override
    public void idle(long seq, SourcePosition position) {
        sent = new Checkpoint(position, seq, partitionCount, epoch);
    }

    @Override
    public void commit() {
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
