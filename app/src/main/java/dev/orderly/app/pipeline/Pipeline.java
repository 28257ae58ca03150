package dev.orderly.app.pipeline;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.PartitionChooser;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.ShardingKeyException;
import dev.orderly.domain.ordering.ShardingKeyResolver;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.domain.ordering.TableRouting;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.OffsetStorePort;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.SinkPort;
import dev.orderly.ports.SourcePort;
import dev.orderly.ports.TableMetadataPort;
import dev.orderly.ports.TransactionHeaders;
import dev.orderly.ports.TransactionalSinkPort;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.TableRuleSettings;
import dev.orderly.ports.spi.PartitionInput;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline use case: source → partition rule → format → sink → checkpoint commit. {@link #start}
 * checks everything it can before anything is written, then streams until stopped.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(60);

    private final OrderlySettings settings;
    private final SourcePort source;
    private final SinkPort sink;
    private final OffsetStorePort offsets;
    private final TableMetadataPort metadata;
    private final Map<String, PartitionRulePort> rules;
    private final MessageFormatPort format;
    private final Duration commitInterval;
    private final PipelineObserver observer;

    /** A pipeline that reports to no observer. */
    public Pipeline(OrderlySettings settings, SourcePort source, SinkPort sink, OffsetStorePort offsets, TableMetadataPort metadata,
                    Map<String, PartitionRulePort> rules, MessageFormatPort format, Duration commitInterval) {
        this(settings, source, sink, offsets, metadata, rules, format, commitInterval, PipelineObserver.NONE);
    }

    /** @param observer told about every run's work, for metrics and progress */
    public Pipeline(OrderlySettings settings, SourcePort source, SinkPort sink, OffsetStorePort offsets, TableMetadataPort metadata,
                    Map<String, PartitionRulePort> rules, MessageFormatPort format, Duration commitInterval, PipelineObserver observer) {
        this.settings = requireNonNull(settings, "settings is null");
        this.source = requireNonNull(source, "source is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.offsets = requireNonNull(offsets, "offsets is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.rules = Map.copyOf(rules);
        this.format = requireNonNull(format, "format is null");
        this.commitInterval = requireNonNull(commitInterval, "commitInterval is null");
        this.observer = requireNonNull(observer, "observer is null");
    }

    /** Starts without accepting a changed partition count; see {@link #start(boolean)}. */
    public PipelineRun start() {
        return start(false);
    }

    /**
     * Resolves every table's rule and sharding columns, loads the checkpoint, prepares the topic, checks
     * the partition count against the checkpoint (H8) and starts the source.
     *
     * @param acceptRepartition whether a partition count that differs from the checkpoint's starts a new
     *     epoch (with an epoch marker in every partition) instead of refusing to start
     * @throws PipelineStartException listing every table that is missing, has no usable key, or names an
     *     unknown rule; or when the partition count changed and {@code acceptRepartition} is false
     */
    public PipelineRun start(boolean acceptRepartition) {
        Map<TableId, TableRouting> routing = resolveRouting();
        Optional<Checkpoint> checkpoint = offsets.load();
        String topic = settings.sink().topic();
        int partitionCount = sink.prepareTopic(topic, settings.sink().partitions());
        if (partitionCountProblem(settings, rules, checkpoint, partitionCount).isPresent()) {
            checkpoint = Optional.of(startEpoch(checkpoint.get(), topic, partitionCount, acceptRepartition));
        }
        TransactionRouter router = new TransactionRouter(table -> {
            TableRouting tableRouting = routing.get(table);
            if (tableRouting == null) {
                throw new IllegalStateException("the source delivered a change of " + table + ", which is not in source.include " + routing.keySet());
            }
            return tableRouting;
        });
        Optional<Checkpoint> resumeFrom = checkpoint;
        long epoch = checkpoint.map(Checkpoint::epoch).orElse(0L);
        Function<Consumer<Throwable>, Delivery> delivery = onFailure -> exactlyOnce()
                ? new ExactlyOnceDelivery(transactionalSink(), topic, settings.sink().maxTransactionRecords(), resumeFrom, onFailure)
                : new AtLeastOnceDelivery(sink, offsets, topic, resumeFrom, onFailure);
        Set<TableId> partitionZeroTables = routing.keySet().stream().filter(table -> guarantee(table) == OrderingGuarantee.TOTAL)
                .collect(Collectors.toUnmodifiableSet());
        // Records spread over partitions only where some table is not totally ordered: only there do consumers need watermarks.
        Optional<Duration> watermarks = partitionCount > 1 && routesByPartitionCount()
                ? Optional.of(settings.watermarkInterval()) : Optional.empty();
        PipelineRun run = new PipelineRun(source, format, router, topic, partitionCount, checkpoint, commitInterval, watermarks, partitionZeroTables,
                delivery, sink::close, observer, oversizedRecords(topic, routing));
        run.begin();
        return run;
    }

    /** The topic's record size limit, and the key columns a key-only record keeps: sharding columns, then the primary key's other columns. */
    private OversizedRecords oversizedRecords(String topic, Map<TableId, TableRouting> routing) {
        Map<TableId, List<String>> keyColumns = new HashMap<>();
        routing.forEach((table, tableRouting) -> {
            Set<String> columns = new java.util.LinkedHashSet<>(tableRouting.shardingColumns().columns());
            metadata.keysOf(table).ifPresent(keys -> columns.addAll(keys.primaryKey()));
            keyColumns.put(table, List.copyOf(columns));
        });
        return new OversizedRecords(sink.maxRecordSize(topic), settings.sink().oversized(), keyColumns);
    }

    private boolean exactlyOnce() {
        return settings.sink().delivery() == DeliveryMode.EXACTLY_ONCE;
    }

    private TransactionalSinkPort transactionalSink() {
        if (sink instanceof TransactionalSinkPort transactional) {
            return transactional;
        }
        throw new IllegalStateException("sink.delivery is exactly-once but the sink " + sink.getClass().getName() + " is not transactional");
    }

    /** At-least-once keeps checkpoints in the offset store; exactly-once commits them with the records. */
    private void commitCheckpoint(Checkpoint checkpoint) {
        if (exactlyOnce()) {
            transactionalSink().commit(Optional.of(checkpoint));
        } else {
            offsets.commit(checkpoint);
        }
    }

    /** Whether some table's partition depends on the partition count: every rule but a total-order one. */
    private boolean routesByPartitionCount() {
        return routesByPartitionCount(settings, rules);
    }

    private static boolean routesByPartitionCount(OrderlySettings settings, Map<String, PartitionRulePort> rules) {
        return settings.source().include().stream().anyMatch(table -> guarantee(settings, rules, table) != OrderingGuarantee.TOTAL);
    }

    private OrderingGuarantee guarantee(TableId table) {
        return guarantee(settings, rules, table);
    }

    /** The guarantee of the table's rule; {@link OrderingGuarantee#TOTAL} for a rule that is not loaded (start refuses it anyway). */
    private static OrderingGuarantee guarantee(OrderlySettings settings, Map<String, PartitionRulePort> rules, TableId table) {
        PartitionRulePort rule = rules.get(settings.partition().ruleFor(table).mode());
        return rule == null ? OrderingGuarantee.TOTAL : rule.guarantee();
    }

    /**
     * What {@link #start(boolean) start(false)} would refuse about the partition count (H8), without
     * starting anything: the refusal when a checkpoint exists, some table's rule routes by the partition
     * count, and the count differs from the checkpoint's; empty otherwise. {@code orderly check} asks
     * this, so that check and run cannot disagree.
     *
     * @param rules the loaded partition rules by identifier
     * @param checkpoint the committed checkpoint, if any
     * @param partitionCount the count the pipeline would route with: the topic's, or {@code sink.partitions}
     *     when it would create the topic
     */
    public static Optional<String> partitionCountProblem(OrderlySettings settings, Map<String, PartitionRulePort> rules,
                                                         Optional<Checkpoint> checkpoint, int partitionCount) {
        if (checkpoint.isEmpty() || checkpoint.get().partitionCount() == partitionCount || !routesByPartitionCount(settings, rules)) {
            return Optional.empty();
        }
        return Optional.of(repartitionRefusal(checkpoint.get(), settings.sink().topic(), partitionCount));
    }

    /**
     * H8: the topic's partition count differs from the checkpoint's. Refuses, or with the user's consent
     * writes an epoch marker to every partition and commits the new count before any record is routed with it.
     */
    private Checkpoint startEpoch(Checkpoint checkpoint, String topic, int partitionCount, boolean accept) {
        if (!accept) {
            throw new PipelineStartException(List.of(repartitionRefusal(checkpoint, topic, partitionCount)));
        }
        long epoch = checkpoint.epoch() + 1;
        Marker marker = Marker.epoch(checkpoint.seq(), epoch, partitionCount);
        List<OutgoingRecord> markers = new ArrayList<>(partitionCount);
        for (int partition = 0; partition < partitionCount; partition++) {
            markers.add(new OutgoingRecord(partition, null, format.marker(marker), RecordHeaders.ofMarker(marker)));
        }
        try {
            sink.send(topic, markers).get(MARKER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineFailedException("interrupted while writing epoch markers to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PipelineFailedException("cannot write the epoch markers of epoch " + epoch + " to " + topic + "; nothing else was written and"
                    + " the checkpoint is unchanged: " + e, e);
        }
        Checkpoint moved = new Checkpoint(checkpoint.position(), checkpoint.seq(), partitionCount, epoch, checkpoint.schemaVersions());
        commitCheckpoint(moved);
        LOG.info("Topic {} went from {} to {} partitions: epoch {} starts after seq {}; epoch markers written to every partition", topic,
                checkpoint.partitionCount(), partitionCount, epoch, checkpoint.seq());
        return moved;
    }

    private static String repartitionRefusal(Checkpoint checkpoint, String topic, int partitionCount) {
        return "topic " + topic + " has " + partitionCount + " partitions, but the checkpoint's records were routed"
                + " with " + checkpoint.partitionCount() + " (epoch " + checkpoint.epoch() + ", up to seq " + checkpoint.seq() + "): keys would move to"
                + " other partitions and per-key order would break across the change (H8). If the partition count was changed on purpose,"
                + " start again with --accept-repartition: orderly then starts epoch " + (checkpoint.epoch() + 1) + " and writes an epoch"
                + " marker to every partition before any record routed with " + partitionCount + " partitions. Otherwise give the topic"
                + " its " + checkpoint.partitionCount() + " partitions back.";
    }

    private Map<TableId, TableRouting> resolveRouting() {
        List<String> problems = new ArrayList<>();
        Map<TableId, TableRouting> resolved = resolveRouting(settings, metadata, rules, format, problems);
        if (!problems.isEmpty()) {
            throw new PipelineStartException(problems);
        }
        return resolved;
    }

    /**
     * What {@link #start(boolean)} would refuse about the included tables, without starting anything:
     * every table that is missing, has no usable sharding key under its rule, or names a rule that is not
     * loaded or refuses its options, each message naming the fix. Empty when every table resolves.
     * Reads table metadata only; {@code orderly check} asks this, so that check and run cannot disagree.
     *
     * @param rules the loaded partition rules by identifier
     */
    public static List<String> routingProblems(OrderlySettings settings, TableMetadataPort metadata, Map<String, PartitionRulePort> rules,
                                               MessageFormatPort format) {
        List<String> problems = new ArrayList<>();
        resolveRouting(settings, metadata, rules, format, problems);
        return List.copyOf(problems);
    }

    /** Resolves every included table's routing; adds each problem, once, to {@code problemsFound}. */
    private static Map<TableId, TableRouting> resolveRouting(OrderlySettings settings, TableMetadataPort metadata,
                                                             Map<String, PartitionRulePort> rules, MessageFormatPort format,
                                                             List<String> problemsFound) {
        Map<TableId, TableRouting> resolved = new LinkedHashMap<>();
        // One rule instance per configured (mode, options), shared by the tables that use it.
        Map<List<Object>, PartitionRule> created = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (TableId table : settings.source().include()) {
            TableRuleSettings ruleSettings = settings.partition().ruleFor(table);
            PartitionRulePort factory = rules.get(ruleSettings.mode());
            if (factory == null) {
                problems.add("table " + table + " follows partition rule '" + ruleSettings.mode() + "', which is not loaded; loaded rules: "
                        + new TreeSet<>(rules.keySet()) + ". Fix the mode or add the plugin that provides it to the plugin directory.");
                continue;
            }
            Optional<TableKeys> keys = metadata.keysOf(table);
            if (keys.isEmpty()) {
                problems.add("table " + table + " is in source.include but does not exist in the source database; existing tables of "
                        + table.database() + ": " + metadata.tablesOf(table.database()) + ". Fix the name or create the table.");
                continue;
            }
            boolean keyBased = factory.guarantee() == OrderingGuarantee.PER_KEY;
            // A rule that is not key-based still gets keys where the table has them (the Kafka key), and never fails for lack of one.
            NoKeyPolicy noKey = keyBased ? settings.partition().noKey() : NoKeyPolicy.PARTITION_ZERO;
            try {
                ShardingColumns columns = ShardingKeyResolver.resolve(keys.get(), settings.partition().shardingColumnsOf(table), noKey);
                PartitionRule rule = created.computeIfAbsent(List.of(ruleSettings.mode(), ruleSettings.options()), unused -> create(factory, ruleSettings));
                TableKeys tableKeys = keys.get();
                PartitionChooser chooser = (change, key, partitionCount) -> rule.partition(new PartitionInput(change, key, columns, tableKeys, partitionCount));
                List<String> splitColumns = format.splitsPrimaryKeyChanges() ? tableKeys.primaryKey() : List.of();
                resolved.put(table, new TableRouting(columns, chooser, factory.identifier(), keyBased, splitColumns));
            } catch (ShardingKeyException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        problemsFound.addAll(problems.stream().distinct().toList());
        return resolved;
    }

    private static PartitionRule create(PartitionRulePort factory, TableRuleSettings ruleSettings) {
        try {
            return factory.create(RuleOptions.validate(factory, ruleSettings.options()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partition rule '" + factory.identifier() + "' refused its options " + ruleSettings.options()
                    + ": " + e.getMessage(), e);
        }
    }
}
