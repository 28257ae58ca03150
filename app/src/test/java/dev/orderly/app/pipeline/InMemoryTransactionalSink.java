package dev.orderly.app.pipeline;

import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.SinkFencedException;
import dev.orderly.ports.TransactionalSinkPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A transactional sink in memory: records become visible, with the checkpoint, only at commit. */
final class InMemoryTransactionalSink implements TransactionalSinkPort {

    /** One committed Kafka transaction. */
    record Committed(List<OutgoingRecord> records, Optional<Checkpoint> checkpoint) {
    }

    final List<Committed> commits = new ArrayList<>();
    private final List<OutgoingRecord> open = new ArrayList<>();
    private final int partitions;
    boolean fenced;
    boolean closed;

    InMemoryTransactionalSink(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public int prepareTopic(String topic, int partitionsIfCreated) {
        return partitions;
    }

    @Override
    public synchronized CompletableFuture<Void> send(String topic, List<OutgoingRecord> records) {
        if (fenced) {
            return CompletableFuture.failedFuture(new SinkFencedException("fenced", null));
        }
        open.addAll(records);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void commit(Optional<Checkpoint> checkpoint) {
        if (fenced) {
            throw new SinkFencedException("another instance took over", null);
        }
        commits.add(new Committed(List.copyOf(open), checkpoint));
        open.clear();
    }

    synchronized List<OutgoingRecord> visible() {
        return commits.stream().flatMap(commit -> commit.records().stream()).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public synchronized void close() {
        open.clear();
        closed = true;
    }
}
