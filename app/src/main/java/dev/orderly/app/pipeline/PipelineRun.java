package dev.orderly.app.pipeline;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.CommitSequence;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.OffsetStorePort;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.SinkPort;
import dev.orderly.ports.SourceListener;
import dev.orderly.ports.SourcePort;
import dev.orderly.ports.TransactionHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started pipeline. Transactions are numbered, routed, formatted and sent without waiting for
 * earlier acknowledgements; a checkpoint moves only over a prefix of transactions that Kafka has
 * wholly acknowledged (D1), so a restart resumes at a transaction boundary.
 *
 * <p>Threading: the source calls {@link #onTransaction} and {@link #onIdle} from its one thread; a
 * scheduler commits every commit interval; the two share the pending queue under this object's lock.
 */
public final class PipelineRun implements SourceListener {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** A transaction (or idle position) waiting for its acknowledgement. */
    private record Pending(long seq, SourcePosition position, CompletableFuture<Void> acknowledged) {
    }

    private final SourcePort source;
    private final SinkPort sink;
    private final OffsetStorePort offsets;
    private final MessageFormatPort format;
    private final TransactionRouter router;
    private final String topic;
    private final int partitionCount;
    private final Optional<Checkpoint> resumedFrom;
    private final Duration commitInterval;
    private final CommitSequence sequence;
    private final long epoch;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ScheduledExecutorService committer;
    private Pending acknowledged;
    private Pending committed;
    private long transactions;
    private long records;
    private boolean stopped;

    PipelineRun(SourcePort source, SinkPort sink, OffsetStorePort offsets, MessageFormatPort format, TransactionRouter router, String topic,
                int partitionCount, Optional<Checkpoint> resumedFrom, Duration commitInterval) {
        this.source = source;
        this.sink = sink;
        this.offsets = offsets;
        this.format = format;
        this.router = router;
        this.topic = topic;
        this.partitionCount = partitionCount;
        this.resumedFrom = resumedFrom;
        this.commitInterval = commitInterval;
        this.sequence = new CommitSequence(resumedFrom.map(Checkpoint::seq).orElse(0L));
        this.epoch = resumedFrom.map(Checkpoint::epoch).orElse(0L);
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
        long millis = commitInterval.toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onTransaction(Transaction transaction) {
        throwIfFailed();
        long seq = sequence.next();
        List<RoutedRecord> routed = router.route(transaction, seq, partitionCount);
        List<OutgoingRecord> outgoing = new ArrayList<>(routed.size());
        for (RoutedRecord record : routed) {
            outgoing.add(new OutgoingRecord(record.partition(), record.key().isNone() ? null : record.key().encoded(), format.value(record),
                    headers(record.txn())));
        }
        CompletableFuture<Void> acknowledgement = sink.send(topic, outgoing);
        acknowledgement.whenComplete((ignored, error) -> {
            if (error != null) {
                fail(error);
            }
        });
        synchronized (this) {
            pending.add(new Pending(seq, transaction.endPosition(), acknowledgement));
            transactions++;
            records += outgoing.size();
        }
    }

    @Override
    public synchronized void onIdle(SourcePosition position) {
        throwIfFailed();
        pending.add(new Pending(sequence.last(), position, CompletableFuture.completedFuture(null)));
    }

    private static Map<String, byte[]> headers(TransactionMark txn) {
        Map<String, byte[]> headers = new LinkedHashMap<>(8);
        headers.put(TransactionHeaders.ID, txn.id().getBytes(StandardCharsets.UTF_8));
        headers.put(TransactionHeaders.SEQ, Long.toString(txn.seq()).getBytes(StandardCharsets.UTF_8));
        headers.put(TransactionHeaders.INDEX, Integer.toString(txn.index()).getBytes(StandardCharsets.UTF_8));
        headers.put(TransactionHeaders.COUNT, Integer.toString(txn.count()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** Moves past the acknowledged prefix and commits its last position if it is new. */
    private synchronized void commitAcknowledged() {
        while (!pending.isEmpty() && pending.peek().acknowledged().isDone()) {
            Pending head = pending.peek();
            if (head.acknowledged().isCompletedExceptionally()) {
                // Never move past a failed transaction: later ones may be acknowledged, but the gap must be replayed.
                break;
            }
            acknowledged = pending.poll();
        }
        if (acknowledged != null && acknowledged != committed) {
            offsets.commit(new Checkpoint(acknowledged.position(), acknowledged.seq(), partitionCount, epoch));
            committed = acknowledged;
        }
    }

    private void commitQuietly() {
        try {
            commitAcknowledged();
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
     * Stops gracefully: stops the source, waits for Kafka to acknowledge what was sent, commits the
     * last acknowledged position and closes the sink. Idempotent.
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
        try {
            sink.flush();
            List<Pending> waiting;
            synchronized (this) {
                waiting = new ArrayList<>(pending);
            }
            for (Pending entry : waiting) {
                entry.acknowledged().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            fail(e instanceof ExecutionException ? e.getCause() : e);
        }
        try {
            commitAcknowledged();
        } catch (RuntimeException e) {
            fail(e);
        }
        sink.close();
        synchronized (this) {
            LOG.info("Pipeline stopped; committed {}", committed == null ? "nothing new"
                    : "seq " + committed.seq() + " at " + committed.position().description());
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
            throw new PipelineFailedException("orderly stopped because of an error: " + error.getMessage()
                    + "; the last committed checkpoint is intact and a restart resumes from it", error);
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
        long acknowledgedSeq = acknowledged == null ? resumedFrom.map(Checkpoint::seq).orElse(0L) : acknowledged.seq();
        // Count what is acknowledged but not yet swept from the queue, without committing it.
        for (Pending entry : pending) {
            if (!entry.acknowledged().isDone() || entry.acknowledged().isCompletedExceptionally()) {
                break;
            }
            acknowledgedSeq = entry.seq();
        }
        long committedSeq = committed == null ? resumedFrom.map(Checkpoint::seq).orElse(0L) : committed.seq();
        return new PipelineProgress(transactions, records, acknowledgedSeq, committedSeq);
    }

    public int partitionCount() {
        return partitionCount;
    }
}
