package dev.orderly.app.pipeline;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
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
import dev.orderly.ports.SinkPort;
import dev.orderly.ports.SourcePort;
import dev.orderly.ports.TableMetadataPort;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.TableRuleSettings;
import dev.orderly.ports.spi.PartitionInput;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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
    private final Map<String, PartitionRulePort> rules;
    private final MessageFormatPort format;
    private final Duration commitInterval;

    public Pipeline(OrderlySettings settings, SourcePort source, SinkPort sink, OffsetStorePort offsets, TableMetadataPort metadata,
                    Map<String, PartitionRulePort> rules, MessageFormatPort format, Duration commitInterval) {
        this.settings = requireNonNull(settings, "settings is null");
        this.source = requireNonNull(source, "source is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.offsets = requireNonNull(offsets, "offsets is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.rules = Map.copyOf(rules);
        this.format = requireNonNull(format, "format is null");
        this.commitInterval = requireNonNull(commitInterval, "commitInterval is null");
    }

    /**
     * Resolves every table's rule and sharding columns, loads the checkpoint, prepares the topic and
     * starts the source.
     *
     * @throws PipelineStartException listing every table that is missing, has no usable key, or names an unknown rule
     */
    public PipelineRun start() {
        Map<TableId, TableRouting> routing = resolveRouting();
        Optional<Checkpoint> checkpoint = offsets.load();
        String topic = settings.sink().topic();
        int partitionCount = sink.prepareTopic(topic, settings.sink().partitions());
        TransactionRouter router = new TransactionRouter(table -> {
            TableRouting tableRouting = routing.get(table);
            if (tableRouting == null) {
                throw new IllegalStateException("the source delivered a change of " + table + ", which is not in source.include " + routing.keySet());
            }
            return tableRouting;
        });
        PipelineRun run = new PipelineRun(source, sink, offsets, format, router, topic, partitionCount, checkpoint, commitInterval);
        run.begin();
        return run;
    }

    private Map<TableId, TableRouting> resolveRouting() {
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
                resolved.put(table, new TableRouting(columns, chooser, factory.identifier(), keyBased));
            } catch (ShardingKeyException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PipelineStartException(problems.stream().distinct().toList());
        }
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
