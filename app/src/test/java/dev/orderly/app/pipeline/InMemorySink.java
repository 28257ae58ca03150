package dev.orderly.app.pipeline;

import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.SinkPort;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A sink that keeps what it gets and acknowledges each send when the test says so (or at once). */
final class InMemorySink implements SinkPort {

    final List<OutgoingRecord> records = new ArrayList<>();
    final List<CompletableFuture<Void>> acknowledgements = new ArrayList<>();
    private final int partitions;
    boolean autoAcknowledge = true;
    int maxRecordSize = Integer.MAX_VALUE;
    boolean closed;

    InMemorySink(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public int prepareTopic(String topic, int partitionsIfCreated) {
        return partitions;
    }

    @Override
    public synchronized CompletableFuture<Void> send(String topic, List<OutgoingRecord> sent) {
        records.addAll(sent);
        CompletableFuture<Void> acknowledgement = autoAcknowledge ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        acknowledgements.add(acknowledgement);
        return acknowledgement;
    }

    @Override
    public int maxRecordSize(String topic) {
        return maxRecordSize;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        closed = true;
    }
}
