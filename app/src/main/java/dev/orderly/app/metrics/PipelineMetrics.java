package dev.orderly.app.metrics;

import dev.orderly.app.pipeline.PipelineObserver;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.SinkStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The pipeline's metrics, registered on a Micrometer registry (names as Prometheus shows them):
 * <ul>
 *   <li>{@code orderly_changes_total} and {@code orderly_bytes_total} by {@code table} and {@code partition};
 *       {@code orderly_transactions_total};</li>
 *   <li>{@code orderly_commit_append_latency_seconds}: source commit timestamp → Kafka acknowledged the
 *       append (histogram; the source's timestamps have millisecond resolution on MySQL with GTIDs, whole
 *       seconds without GTIDs and on MariaDB);
 *       {@code orderly_read_append_latency_seconds}: orderly received the change → Kafka acknowledged it;</li>
 *   <li>{@code orderly_source_lag_seconds} (0 when caught up), {@code orderly_source_position_info{position}},
 *       {@code orderly_checkpoint_seq}, {@code orderly_checkpoint_position_info{position}};</li>
 *   <li>{@code orderly_records_in_flight}: handed to Kafka, not yet acknowledged;</li>
 *   <li>{@code orderly_producer_errors_total}, {@code orderly_producer_retries_total};</li>
 *   <li>{@code orderly_partition_skew}: the busiest partition's records over the mean (1 is even), and
 *       {@code orderly_partition_hot_key_share{partition,rank,key}}: the three hottest keys of each
 *       partition, over a sample of one record in {@value #HOT_KEY_SAMPLE}.</li>
 * </ul>
 * The labelled gauges (positions, hot keys) are refreshed by {@link #refresh()}.
 *
 * <p>Threading: as {@link PipelineObserver}; {@link #refresh()} and {@link #snapshot()} from any thread.
 */
public final class PipelineMetrics implements PipelineObserver {

    static final int HOT_KEY_SAMPLE = 16;
    private static final int HOT_KEY_COUNTERS = 64;
    private static final int HOT_KEYS_SHOWN = 3;

    /**
     * What the progress line shows.
     *
     * @param changes row records handed to Kafka
     * @param transactions source transactions read
     * @param lagSeconds how far behind the source's commit time orderly reads; 0 when caught up
     * @param sourcePosition where the source stands, or "-" before the first transaction
     * @param committedSeq the seq of the last committed checkpoint
     */
    public record Snapshot(long changes, long transactions, double lagSeconds, String sourcePosition, long committedSeq) {
    }

    private final MeterRegistry registry;
    private final Counter transactions;
    private final Timer commitToAppend;
    private final Timer readToAppend;
    private final LongAdder changes = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final MultiGauge sourcePositionGauge;
    private final MultiGauge checkpointPositionGauge;
    private final MultiGauge hotKeyGauge;
    private final AtomicReference<Supplier<SinkStatistics>> sinkStatistics = new AtomicReference<>(() -> SinkStatistics.NONE);
    /** Source thread only. */
    private final Map<TableId, Counter[][]> tableCounters = new HashMap<>();
    private volatile int partitionCount;
    private volatile AtomicLongArray partitionRecords = new AtomicLongArray(0);
    private volatile HotKeys[] hotKeys = new HotKeys[0];
    private volatile String sourcePosition = "-";
    private volatile long lastCommitMillis = -1;
    private volatile boolean caughtUp = true;
    private volatile long committedSeq;
    private volatile String committedPosition = "-";
    private long sampled;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.transactions = Counter.builder("orderly.transactions").description("Source transactions read").register(registry);
        this.commitToAppend = latency("orderly.commit.append.latency", "Source commit timestamp to Kafka's acknowledgement of the append");
        this.readToAppend = latency("orderly.read.append.latency", "orderly receiving a change to Kafka's acknowledgement of its append");
        Gauge.builder("orderly.source.lag", this, PipelineMetrics::lagSeconds).baseUnit("seconds")
                .description("How far behind the source's commit time orderly reads; 0 when caught up").register(registry);
        Gauge.builder("orderly.records.in.flight", this, metrics -> metrics.changes.sum() - metrics.acknowledged.sum())
                .description("Row records handed to Kafka and not yet acknowledged").register(registry);
        Gauge.builder("orderly.checkpoint.seq", this, metrics -> metrics.committedSeq).description("The seq of the last committed checkpoint")
                .register(registry);
        Gauge.builder("orderly.partition.skew", this, PipelineMetrics::skew)
                .description("Records of the busiest partition over the mean per partition; 1 is even").register(registry);
        FunctionCounter.builder("orderly.producer.errors", this, metrics -> metrics.sinkStatistics.get().get().errors())
                .description("Record sends that failed for good").register(registry);
        FunctionCounter.builder("orderly.producer.retries", this, metrics -> metrics.sinkStatistics.get().get().retries())
                .description("Record sends the producer retried").register(registry);
        this.sourcePositionGauge = MultiGauge.builder("orderly.source.position.info").description("Where the source stands (label position)")
                .register(registry);
        this.checkpointPositionGauge = MultiGauge.builder("orderly.checkpoint.position.info")
                .description("The source position of the last committed checkpoint (label position)").register(registry);
        this.hotKeyGauge = MultiGauge.builder("orderly.partition.hot.key.share")
                .description("Share of a partition's sampled records that carry the key (labels partition, rank, key)").register(registry);
    }

    /** Where the producer's error and retry counts come from; the sink is created after the metrics. */
    public void bindSink(Supplier<SinkStatistics> statistics) {
        sinkStatistics.set(statistics);
    }

    private Timer latency(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    @Override
    public void started(String topic, int partitions) {
        this.partitionCount = partitions;
        this.partitionRecords = new AtomicLongArray(partitions);
        HotKeys[] keys = new HotKeys[partitions];
        for (int partition = 0; partition < partitions; partition++) {
            keys[partition] = new HotKeys(HOT_KEY_COUNTERS);
        }
        this.hotKeys = keys;
    }

    @Override
    public void sent(TableId table, int partition, byte[] key, int bytes) {
        Counter[][] counters = tableCounters.get(table);
        if (counters == null) {
            // get-then-put rather than computeIfAbsent: no capturing lambda allocated per record on the hot path
            counters = new Counter[2][partitionCount];
            tableCounters.put(table, counters);
        }
        if (partition >= counters[0].length) {
            return;
        }
        if (counters[0][partition] == null) {
            Tags tags = Tags.of("table", table.toString(), "partition", Integer.toString(partition));
            counters[0][partition] = Counter.builder("orderly.changes").description("Row records handed to Kafka").tags(tags).register(registry);
            counters[1][partition] = Counter.builder("orderly.bytes").baseUnit("bytes").description("Key, value and header bytes of the row records")
                    .tags(tags).register(registry);
        }
        counters[0][partition].increment();
        counters[1][partition].increment(bytes);
        changes.increment();
        partitionRecords.incrementAndGet(partition);
        if (sampled++ % HOT_KEY_SAMPLE == 0) {
            hotKeys[partition].offer(key);
        }
    }

    @Override
    public void read(SourcePosition end, long commitMillis) {
        transactions.increment();
        if (end != null) {
            // null for the first part of a streamed transaction and for a transaction of an initial snapshot
            sourcePosition = end.description();
        }
        lastCommitMillis = commitMillis;
        caughtUp = false;
    }

    @Override
    public void acknowledged(int records, long readNanos, long commitMillis) {
        acknowledged.add(records);
        readToAppend.record(System.nanoTime() - readNanos, TimeUnit.NANOSECONDS);
        if (commitMillis > 0) {
            commitToAppend.record(Math.max(0, System.currentTimeMillis() - commitMillis), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void idle(SourcePosition position) {
        sourcePosition = position.description();
        caughtUp = true;
    }

    @Override
    public void committed(Checkpoint checkpoint) {
        committedSeq = checkpoint.seq();
        committedPosition = checkpoint.position().description();
    }

    /** Brings the labelled gauges (positions, hot keys) up to date; cheap, called every second and before each scrape. */
    public void refresh() {
        sourcePositionGauge.register(List.of(MultiGauge.Row.of(Tags.of("position", sourcePosition), 1)), true);
        checkpointPositionGauge.register(List.of(MultiGauge.Row.of(Tags.of("position", committedPosition), 1)), true);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        HotKeys[] keys = hotKeys;
        for (int partition = 0; partition < keys.length; partition++) {
            List<HotKeys.HotKey> top = keys[partition].top(HOT_KEYS_SHOWN);
            for (int rank = 0; rank < top.size(); rank++) {
                rows.add(MultiGauge.Row.of(Tags.of("partition", Integer.toString(partition), "rank", Integer.toString(rank + 1), "key",
                        top.get(rank).key()), top.get(rank).share()));
            }
        }
        hotKeyGauge.register(rows, true);
    }

    public Snapshot snapshot() {
        return new Snapshot(changes.sum(), (long) transactions.count(), lagSeconds(), sourcePosition, committedSeq);
    }

    private double lagSeconds() {
        long commit = lastCommitMillis;
        return caughtUp || commit <= 0 ? 0 : Math.max(0, (System.currentTimeMillis() - commit) / 1000.0);
    }

    private double skew() {
        AtomicLongArray records = partitionRecords;
        long total = 0;
        long max = 0;
        for (int partition = 0; partition < records.length(); partition++) {
            long count = records.get(partition);
            total += count;
            max = Math.max(max, count);
        }
        return total == 0 ? 0 : max / ((double) total / records.length());
    }
}
