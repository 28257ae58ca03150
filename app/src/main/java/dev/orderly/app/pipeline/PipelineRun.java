package dev.orderly.app.pipeline;

import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import dev.orderly.domain.ordering.CommitSequence;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.RoutedSchemaChange;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.SourceListener;
import dev.orderly.ports.SourcePort;
import dev.orderly.ports.TransactionHeaders;
import dev.orderly.ports.config.OversizedPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started pipeline: numbers, routes and formats each source transaction and schema change and hands
 * it to its {@link Delivery}, which decides when the checkpoint moves (at-least-once or exactly-once).
 * When records spread over partitions it also writes a watermark to every partition every watermark
 * interval and at a clean stop (H5).
 *
 * <p>Threading: the source calls {@link #onTransaction}, {@link #onSchemaChange} and {@link #onIdle}
 * from its one thread; a scheduler commits every commit interval and writes the watermarks; all hold
 * this object's lock while they use the delivery.
 */
public final class PipelineRun implements SourceListener {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

    private final SourcePort source;
    private final MessageFormatPort format;
    private final TransactionRouter router;
    private final String topic;
    private final int partitionCount;
    private final Optional<Checkpoint> resumedFrom;
    private final Duration commitInterval;
    private final Optional<Duration> watermarkInterval;
    private final Set<TableId> partitionZeroTables;
    private final long epoch;
    private final CommitSequence sequence;
    private final Delivery delivery;
    private final Runnable closeSink;
    private final PipelineObserver observer;
    private final OversizedRecords oversized;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ScheduledExecutorService committer;
    private long transactions;
    private long records;
    /** The seq of the transaction being delivered, and how many records its earlier parts produced. */
    private long streamedSeq;
    private int streamedRecords;
    /** Whether a streamed transaction has parts written but not its last: watermarks must stay below it. */
    private boolean streaming;
    /** Each table's schema version (the seq of its last schema change); immutable, replaced on each change. */
    private Map<TableId, Long> schemaVersions;
    private boolean stopped;

    /**
     * @param watermarkInterval how often to write watermarks; empty when records do not spread over
     *     partitions (one_partition), which needs none
     * @param partitionZeroTables the tables whose records all go to partition 0 (a total-order rule):
     *     when every table is one of them, schema changes are written there, in place; otherwise to
     *     every partition
     * @param delivery creates the delivery strategy, given the failure handler it must report to
     * @param closeSink closes the sink once the run has stopped
     * @param observer told about the run's work, for metrics and progress
     * @param oversized what to do with a record larger than the topic accepts
     */
    PipelineRun(SourcePort source, MessageFormatPort format, TransactionRouter router, String topic, int partitionCount,
                Optional<Checkpoint> resumedFrom, Duration commitInterval, Optional<Duration> watermarkInterval, Set<TableId> partitionZeroTables,
                Function<Consumer<Throwable>, Delivery> delivery, Runnable closeSink, PipelineObserver observer,
                OversizedRecords oversized) {
        this.source = source;
        this.format = format;
        this.router = router;
        this.topic = topic;
        this.partitionCount = partitionCount;
        this.resumedFrom = resumedFrom;
        this.commitInterval = commitInterval;
        this.watermarkInterval = watermarkInterval;
        this.partitionZeroTables = Set.copyOf(partitionZeroTables);
        this.epoch = resumedFrom.map(Checkpoint::epoch).orElse(0L);
        this.schemaVersions = resumedFrom.map(Checkpoint::schemaVersions).orElse(Map.of());
        this.sequence = new CommitSequence(resumedFrom.map(Checkpoint::seq).orElse(0L));
        this.delivery = delivery.apply(this::fail);
        this.closeSink = closeSink;
        this.observer = observer;
        this.oversized = oversized;
        this.committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orderly-committer");
            thread.setDaemon(true);
            return thread;
        });
    }

    void begin() {
        LOG.info("Pipeline starting: topic {} with {} partitions, resuming {}", topic, partitionCount,
                resumedFrom.map(c -> "after seq " + c.seq() + " at " + c.position()).orElse("with no checkpoint"));
        observer.started(topic, partitionCount);
        source.start(resumedFrom.map(Checkpoint::position), this);
        // A source that fails on its own (lost database, purged binlog) stops the run at once, not only when someone awaits it.
        source.termination().whenComplete((ignored, error) -> {
            if (error != null) {
                fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
        long millis = commitInterval.toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, millis, millis, TimeUnit.MILLISECONDS);
        watermarkInterval.ifPresent(interval -> committer.scheduleAtFixedRate(this::watermarkQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    @Override
    public void onTransaction(Transaction transaction) {
        onTransactionPart(TransactionPart.whole(transaction));
    }

    @Override
    public synchronized void onTransactionPart(TransactionPart part) {
        throwIfFailed();
        long readNanos = System.nanoTime();
        long commitMillis = commitMillis(part);
        if (part.first()) {
            streamedSeq = sequence.next();
            streamedRecords = 0;
            observer.read(part.endPosition(), commitMillis);
        }
        List<RoutedRecord> routed = router.route(part, streamedSeq, streamedRecords, partitionCount);
        List<OutgoingRecord> outgoing = new ArrayList<>(routed.size());
        for (RoutedRecord record : routed) {
            RoutedRecord versioned = record.withSchemaVersion(schemaVersions.getOrDefault(record.change().table(), 0L));
            OutgoingRecord out = new OutgoingRecord(versioned.partition(), versioned.key().isNone() ? null : versioned.key().encoded(),
                    format.value(versioned), RecordHeaders.ofRow(versioned.txn(), versioned.schemaVersion()));
            int size = out.size();
            if (size > oversized.maxBytes()) {
                out = keyOnly(versioned, size);
                size = out.size();
            }
            observer.sent(versioned.change().table(), out.partition(), out.key(), size);
            outgoing.add(out);
        }
        streaming = !part.last();
        int count = outgoing.size();
        // A transaction of an initial snapshot has no end position: no checkpoint until the snapshot is over (docs/DELIVERY.md).
        Checkpoint end = part.last() && part.endPosition() != null ? checkpointAt(part.endPosition(), streamedSeq) : null;
        delivery.deliver(outgoing, end).whenComplete((ignored, error) -> {
            if (error == null) {
                observer.acknowledged(count, readNanos, commitMillis);
            }
        });
        streamedRecords += outgoing.size();
        records += outgoing.size();
        if (part.last()) {
            transactions++;
        }
    }

    /**
     * H6: the change takes the next seq, which becomes its tables' schema version; it is written to
     * partition 0 when the whole topic is totally ordered, else to every partition, as a barrier
     * between the rows routed before and after it.
     */
    @Override
    public synchronized void onSchemaChange(SchemaChange change, SourcePosition end) {
        throwIfFailed();
        long seq = sequence.next();
        TransactionMark txn = new TransactionMark(change.id(), seq, 0, 1);
        // In a topic that spreads records (it has watermarks) every partition gets a copy, so that a re-assembler finds one everywhere.
        int copies = watermarkInterval.isEmpty() && partitionZeroTables.containsAll(change.tables()) ? 1 : partitionCount;
        List<OutgoingRecord> outgoing = new ArrayList<>(copies);
        for (int partition = 0; partition < copies; partition++) {
            RoutedSchemaChange routed = new RoutedSchemaChange(change, partition, txn);
            outgoing.add(new OutgoingRecord(partition, null, format.schemaChange(routed), RecordHeaders.ofSchemaChange(routed)));
        }
        Map<TableId, Long> versions = new HashMap<>(schemaVersions);
        change.tables().forEach(table -> versions.put(table, seq));
        schemaVersions = Map.copyOf(versions);
        delivery.deliver(outgoing, checkpointAt(end, seq));
        records += outgoing.size();
        transactions++;
        LOG.info("Schema change of {} written as seq {} (the tables' schema version) to {}: {}", change.tables(), seq,
                copies == 1 ? "partition 0" : "every partition", change.ddl());
    }

    @Override
    public synchronized void onIdle(SourcePosition position) {
        throwIfFailed();
        delivery.idle(checkpointAt(position, sequence.last()));
        observer.idle(position);
    }

    /**
     * {@code sink.oversized}: fails the run, or writes the record with its images cut down to the key
     * columns in its place, so that its partition keeps its order and its transaction its count.
     *
     * @throws PipelineFailedException when the policy is fail, or the key-only record is still too large
     */
    private OutgoingRecord keyOnly(RoutedRecord record, int size) {
        TableId table = record.change().table();
        String where = "a " + record.change().operation().name() + " of table " + table + " with key " + record.key() + " in source transaction "
                + record.txn().id() + " (seq " + record.txn().seq() + ")";
        String limit = "the largest record topic " + topic + " accepts is " + oversized.maxBytes() + " bytes (the smaller of the topic's"
                + " max.message.bytes and the producer's max.request.size, less framing)";
        if (oversized.policy() == OversizedPolicy.FAIL) {
            throw failed(new PipelineFailedException(where + " is " + size + " bytes but " + limit + ". Nothing of this transaction was"
                    + " committed and a restart resumes before it. Fix: raise the topic's max.message.bytes and sink.producer max.request.size,"
                    + " or set sink.oversized: key-only to write such records with their key columns only"));
        }
        RoutedRecord limited = record.withImagesLimitedTo(oversized.keyColumnsOf(table));
        OutgoingRecord out = new OutgoingRecord(limited.partition(), limited.key().isNone() ? null : limited.key().encoded(), format.value(limited),
                RecordHeaders.ofOversizedRow(limited.txn(), limited.schemaVersion(), size));
        if (out.size() > oversized.maxBytes()) {
            throw failed(new PipelineFailedException(where + " is " + size + " bytes, and " + out.size() + " with its key columns "
                    + oversized.keyColumnsOf(table) + " only, but " + limit + ". Fix: raise the topic's max.message.bytes and sink.producer"
                    + " max.request.size"));
        }
        LOG.warn("{} is {} bytes, more than the {} topic {} accepts: written with its key columns {} only (sink.oversized: key-only, header {})",
                where, size, oversized.maxBytes(), topic, oversized.keyColumnsOf(table), TransactionHeaders.OVERSIZED);
        return out;
    }

    /** Fails the run with {@code error} and returns it, for the source's thread to throw. */
    private PipelineFailedException failed(PipelineFailedException error) {
        fail(error);
        return error;
    }

    /** The source's commit timestamp of the part's changes ({@code ts_ms} of their source block), or -1 when it has none. */
    private static long commitMillis(TransactionPart part) {
        return part.changes().isEmpty() || !(part.changes().get(0).source().get("ts_ms") instanceof Number millis) ? -1 : millis.longValue();
    }

    private Checkpoint checkpointAt(SourcePosition position, long seq) {
        return new Checkpoint(position, seq, partitionCount, epoch, schemaVersions);
    }

    /**
     * H5: a watermark in every partition, after every record of the transactions up to the last one
     * written whole (the sink keeps each partition's send order, so the watermark follows them).
     */
    private void writeWatermark() {
        long watermark = streaming ? streamedSeq - 1 : sequence.last();
        Marker marker = Marker.watermark(watermark, epoch, partitionCount);
        byte[] value = format.marker(marker);
        Map<String, byte[]> headers = RecordHeaders.ofMarker(marker);
        List<OutgoingRecord> outgoing = new ArrayList<>(partitionCount);
        for (int partition = 0; partition < partitionCount; partition++) {
            outgoing.add(new OutgoingRecord(partition, null, value, headers));
        }
        delivery.control(outgoing);
    }

    private synchronized void watermarkQuietly() {
        if (failure.get() != null || stopped) {
            return;
        }
        try {
            writeWatermark();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private synchronized void commitQuietly() {
        if (failure.get() != null || stopped) {
            return;
        }
        try {
            delivery.commit();
            delivery.committed().ifPresent(observer::committed);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Throwable error) {
        if (failure.compareAndSet(null, error)) {
            LOG.error("Pipeline failed, stopping the source; the last committed checkpoint stays: {}", error.toString());
            // Not on the producer's I/O thread: closing the source waits for the engine.
            Thread stopper = new Thread(source::close, "orderly-stop-after-failure");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    private void throwIfFailed() {
        Throwable error = failure.get();
        if (error != null) {
            throw new PipelineFailedException("the sink failed: " + error.getMessage(), error);
        }
    }

    /**
     * Stops gracefully: stops the source, waits for Kafka to take what was sent, commits the last
     * complete position and closes the sink. Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        source.close();
        committer.shutdownNow();
        synchronized (this) {
            try {
                if (failure.get() == null) {
                    if (watermarkInterval.isPresent()) {
                        // The last watermark says the stop's position is whole: a consumer releases everything up to it.
                        writeWatermark();
                    }
                    delivery.finish();
                } else {
                    // Keep what was written for good before the failure; never more.
                    delivery.commit();
                }
            } catch (RuntimeException e) {
                if (!failure.compareAndSet(null, e)) {
                    LOG.warn("Committing after the failure failed too: {}", e.toString());
                }
            }
            closeSink.run();
            LOG.info("Pipeline stopped; committed {}", delivery.committed()
                    .map(checkpoint -> "seq " + checkpoint.seq() + " at " + checkpoint.position().description()).orElse("nothing"));
        }
    }

    /**
     * Blocks until the source stops, then stops the pipeline.
     *
     * @throws PipelineFailedException when the source or the sink failed
     */
    public void awaitTermination() {
        try {
            source.termination().join();
        } catch (RuntimeException e) {
            fail(e.getCause() != null ? e.getCause() : e);
        }
        stop();
        Throwable error = failure.get();
        if (error != null) {
            String position = delivery.committed().map(checkpoint -> "seq " + checkpoint.seq() + " at " + checkpoint.position().description())
                    .orElse("none yet: a restart starts afresh, at the current end of the binlog or with a new initial snapshot");
            throw new PipelineFailedException("orderly stopped with its committed position intact (" + position + "): " + error.getMessage(), error);
        }
    }

    /** Completes once the source reads the live binlog. */
    public CompletableFuture<Void> streaming() {
        return source.streaming();
    }

    /** The failure that stopped or is stopping the pipeline, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    public synchronized PipelineProgress progress() {
        return new PipelineProgress(transactions, records, delivery.acknowledgedSeq(), delivery.committed().map(Checkpoint::seq).orElse(0L));
    }

    /** Whether a stop began: by request, or after a failure. */
    public synchronized boolean stopping() {
        return stopped;
    }

    public int partitionCount() {
        return partitionCount;
    }
}
