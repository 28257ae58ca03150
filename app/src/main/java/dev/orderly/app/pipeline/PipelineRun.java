package dev.orderly.app.pipeline;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import dev.orderly.domain.ordering.CommitSequence;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.SourceListener;
import dev.orderly.ports.SourcePort;
import dev.orderly.ports.TransactionHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A started pipeline: numbers, routes and formats each source transaction and hands it to its
 * {@link Delivery}, which decides when the checkpoint moves (at-least-once or exactly-once).
 *
 * <p>Threading: the source calls {@link #onTransaction} and {@link #onIdle} from its one thread; a
 * scheduler commits every commit interval; both hold this object's lock while they use the delivery.
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
    private final CommitSequence sequence;
    private final Delivery delivery;
    private final Runnable closeSink;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ScheduledExecutorService committer;
    private long transactions;
    private long records;
    /** The seq of the transaction being delivered, and how many records its earlier parts produced. */
    private long streamedSeq;
    private int streamedRecords;
    private boolean stopped;

    /**
     * @param delivery creates the delivery strategy, given the failure handler it must report to
     * @param closeSink closes the sink once the run has stopped
     */
    PipelineRun(SourcePort source, MessageFormatPort format, TransactionRouter router, String topic, int partitionCount,
                Optional<Checkpoint> resumedFrom, Duration commitInterval, Function<Consumer<Throwable>, Delivery> delivery,
                Runnable closeSink) {
        this.source = source;
        this.format = format;
        this.router = router;
        this.topic = topic;
        this.partitionCount = partitionCount;
        this.resumedFrom = resumedFrom;
        this.commitInterval = commitInterval;
        this.sequence = new CommitSequence(resumedFrom.map(Checkpoint::seq).orElse(0L));
        this.delivery = delivery.apply(this::fail);
        this.closeSink = closeSink;
        this.committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orderly-committer");
            thread.setDaemon(true);
            return thread;
        });
    }

    void begin() {
        LOG.info("Pipeline starting: topic {} with {} partitions, resuming {}", topic, partitionCount,
                resumedFrom.map(c -> "after seq " + c.seq() + " at " + c.position()).orElse("with no checkpoint"));
        source.start(resumedFrom.map(Checkpoint::position), this);
        // A source that fails on its own (lost database, purged binlog) stops the run at once, not only when someone awaits it.
        source.termination().whenComplete((ignored, error) -> {
            if (error != null) {
                fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
        long millis = commitInterval.toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onTransaction(Transaction transaction) {
        onTransactionPart(TransactionPart.whole(transaction));
    }

    @Override
    public synchronized void onTransactionPart(TransactionPart part) {
        throwIfFailed();
        if (part.first()) {
            streamedSeq = sequence.next();
            streamedRecords = 0;
        }
        List<RoutedRecord> routed = router.route(part, streamedSeq, streamedRecords, partitionCount);
        List<OutgoingRecord> outgoing = new ArrayList<>(routed.size());
        for (RoutedRecord record : routed) {
            outgoing.add(new OutgoingRecord(record.partition(), record.key().isNone() ? null : record.key().encoded(), format.value(record),
                    headers(record.txn())));
        }
        delivery.deliver(streamedSeq, part.endPosition(), outgoing);
        streamedRecords += outgoing.size();
        records += outgoing.size();
        if (part.last()) {
            transactions++;
        }
    }

    @Override
    public synchronized void onIdle(SourcePosition position) {
        throwIfFailed();
        delivery.idle(sequence.last(), position);
    }

    private static Map<String, byte[]> headers(TransactionMark txn) {
        Map<String, byte[]> headers = new LinkedHashMap<>(8);
        headers.put(TransactionHeaders.ID, txn.id().getBytes(StandardCharsets.UTF_8));
        headers.put(TransactionHeaders.SEQ, Long.toString(txn.seq()).getBytes(StandardCharsets.UTF_8));
        headers.put(TransactionHeaders.INDEX, Integer.toString(txn.index()).getBytes(StandardCharsets.UTF_8));
        if (txn.countKnown()) {
            headers.put(TransactionHeaders.COUNT, Integer.toString(txn.count()).getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private synchronized void commitQuietly() {
        if (failure.get() != null || stopped) {
            return;
        }
        try {
            delivery.commit();
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
                    .orElse("none yet: a restart starts at the current end of the binlog");
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

    public int partitionCount() {
        return partitionCount;
    }
}
