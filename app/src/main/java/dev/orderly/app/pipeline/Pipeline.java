package dev.orderly.app.pipeline;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.ShardingKeyException;
import dev.orderly.domain.ordering.ShardingKeyResolver;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.OffsetStorePort;
import dev.orderly.ports.SinkPort;
import dev.orderly.ports.SourcePort;
import dev.orderly.ports.TableMetadataPort;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.spi.PartitionRulePort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline use case: source → partition rule → format → sink → checkpoint commit. {@link #start}
 * checks everything it can before anything is written, then streams until stopped.
 */
public final class Pipeline {

    private final OrderlySettings settings;
    private final SourcePort source;
    private final SinkPort sink;
    private final OffsetStorePort offsets;
    private final TableMetadataPort metadata;
    private final PartitionRulePort rule;
    private final MessageFormatPort format;
    private final Duration commitInterval;

    public Pipeline(OrderlySettings settings, SourcePort source, SinkPort sink, OffsetStorePort offsets, TableMetadataPort metadata,
                    PartitionRulePort rule, MessageFormatPort format, Duration commitInterval) {
        this.settings = requireNonNull(settings, "settings is null");
        this.source = requireNonNull(source, "source is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.offsets = requireNonNull(offsets, "offsets is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.rule = requireNonNull(rule, "rule is null");
        this.format = requireNonNull(format, "format is null");
        this.commitInterval = requireNonNull(commitInterval, "commitInterval is null");
    }

    /**
     * Resolves every table's sharding columns, loads the checkpoint, prepares the topic and starts the
     * source.
     *
     * @throws PipelineStartException listing every table that is missing or has no usable key
     */
    public PipelineRun start() {
        Map<TableId, ShardingColumns> shardingColumns = resolveShardingColumns();
        Optional<Checkpoint> checkpoint = offsets.load();
        String topic = settings.sink().topic();
        int partitionCount = sink.prepareTopic(topic, settings.sink().partitions());
        boolean keyBased = rule.guarantee() == OrderingGuarantee.PER_KEY;
        TransactionRouter router = new TransactionRouter(table -> {
            ShardingColumns columns = shardingColumns.get(table);
            if (columns == null) {
                throw new IllegalStateException("the source delivered a change of " + table + ", which is not in source.include " + shardingColumns.keySet());
            }
            return columns;
        }, rule::partition, rule.identifier(), keyBased);
        PipelineRun run = new PipelineRun(source, sink, offsets, format, router, topic, partitionCount, checkpoint, commitInterval);
        run.begin();
        return run;
    }

    private Map<TableId, ShardingColumns> resolveShardingColumns() {
        // A rule that ignores keys still gets keys where the table has them (the Kafka key), and never fails for lack of one.
        NoKeyPolicy noKey = rule.guarantee() == OrderingGuarantee.PER_KEY ? settings.partition().noKey() : NoKeyPolicy.PARTITION_ZERO;
        Map<TableId, ShardingColumns> resolved = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (TableId table : settings.source().include()) {
            Optional<TableKeys> keys = metadata.keysOf(table);
            if (keys.isEmpty()) {
                problems.add("table " + table + " is in source.include but does not exist in the source database; existing tables of "
                        + table.database() + ": " + metadata.tablesOf(table.database()) + ". Fix the name or create the table.");
                continue;
            }
            try {
                resolved.put(table, ShardingKeyResolver.resolve(keys.get(), settings.partition().shardingColumnsOf(table), noKey));
            } catch (ShardingKeyException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PipelineStartException(problems);
        }
        return resolved;
    }
}
