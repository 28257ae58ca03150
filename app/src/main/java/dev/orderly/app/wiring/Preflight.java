package dev.orderly.app.wiring;

import static java.util.Objects.requireNonNull;

import dev.orderly.adapter.debezium.JdbiTableMetadata;
import dev.orderly.adapter.debezium.SourcePreflight;
import dev.orderly.adapter.kafka.SinkPreflight;
import dev.orderly.app.pipeline.Pipeline;
import dev.orderly.app.plugins.PartitionRules;
import dev.orderly.app.plugins.PluginLoader;
import dev.orderly.app.plugins.Providers;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.spi.PartitionRulePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code orderly check} against the real source and broker: the source adapter's checks, the tables
 * and sharding keys as {@link Pipeline#routingProblems} resolves them, the sink adapter's checks and the
 * partition count against the checkpoint as {@link Pipeline#partitionCountProblem} judges it. A check
 * that throws becomes a failure; checks that need a connection that failed are skipped (the failed
 * connection says so). Changes nothing anywhere.
 */
final class Preflight {

    private final OrderlySettings settings;

    Preflight(OrderlySettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    List<CheckResult> run() {
        PartitionRules rules;
        try {
            rules = PluginLoader.forApplication().load(settings.pluginDirectory());
        } catch (RuntimeException e) {
            return List.of(CheckResult.failExplained("partition rules", e.getMessage()));
        }
        try (rules) {
            List<CheckResult> results = new ArrayList<>(source(rules.asMap()));
            results.addAll(sink(rules.asMap()));
            return results;
        }
    }

    private List<CheckResult> source(Map<String, PartitionRulePort> rules) {
        List<CheckResult> results = new ArrayList<>();
        try (SourcePreflight source = new SourcePreflight(settings.source())) {
            CheckResult connection = CheckResult.guarded("source connection", source::connection);
            results.add(connection);
            if (connection.failed()) {
                return results;
            }
            results.add(CheckResult.guarded("source.type", source::sourceType));
            results.addAll(guardedAll("binlog settings", source::binlogSettings));
            results.addAll(guardedAll("replication privileges", source::replicationPrivileges));
            results.add(CheckResult.guarded("privilege SELECT", source::selectPrivilege));
            results.addAll(guardedAll("tables", () -> tables(rules)));
        }
        return results;
    }

    /** Every included table exists and has a sharding key under its rule, exactly as {@code orderly run} would resolve it. */
    private List<CheckResult> tables(Map<String, PartitionRulePort> rules) {
        List<String> problems = Pipeline.routingProblems(settings, new JdbiTableMetadata(settings.source()), rules,
                Providers.formats(Preflight.class.getClassLoader()).get(settings.format()));
        if (!problems.isEmpty()) {
            return problems.stream().map(problem -> CheckResult.failExplained("tables", problem)).toList();
        }
        String tables = settings.source().include().stream()
                .map(table -> table + " (" + settings.partition().ruleFor(table).mode() + ")").collect(Collectors.joining(", "));
        return List.of(CheckResult.pass("tables", tables + ": each exists and has a sharding key under its rule"));
    }

    private List<CheckResult> sink(Map<String, PartitionRulePort> rules) {
        List<CheckResult> results = new ArrayList<>();
        try (SinkPreflight sink = new SinkPreflight(settings.sink(), "orderly-" + settings.name() + "-check")) {
            CheckResult brokers = CheckResult.guarded("kafka brokers", sink::broker);
            results.add(brokers);
            if (!brokers.failed()) {
                results.add(CheckResult.guarded("topic", sink::topic));
                if (exactlyOnce()) {
                    results.add(CheckResult.guarded("offsets topic", sink::offsetsTopic));
                }
                results.add(CheckResult.guarded("partition count", () -> partitionCount(sink, rules)));
            }
            results.add(CheckResult.guarded("producer settings", sink::producerSettings));
        }
        return results;
    }

    /** H8: the count the pipeline would route with against the checkpoint's. */
    private CheckResult partitionCount(SinkPreflight sink, Map<String, PartitionRulePort> rules) {
        String name = "partition count";
        int partitionCount = sink.partitionCountAtStart();
        // Reading a missing offsets topic could have the broker auto-create it, without compaction.
        if (exactlyOnce() && !sink.offsetsTopicExists()) {
            return CheckResult.info(name, "no checkpoint yet (offsets topic " + settings.sink().offsetsTopic() + " does not exist); the first run"
                    + " routes with " + partitionCount + " partitions and records that count");
        }
        Optional<Checkpoint> checkpoint = Orderly.offsetStore(settings).load();
        String where = exactlyOnce() ? "offsets topic " + settings.sink().offsetsTopic() : "state directory " + settings.stateDirectory();
        if (checkpoint.isEmpty()) {
            return CheckResult.info(name, "no checkpoint yet (" + where + "); the first run routes with " + partitionCount
                    + " partitions and records that count");
        }
        Optional<String> problem = Pipeline.partitionCountProblem(settings, rules, checkpoint, partitionCount);
        if (problem.isPresent()) {
            return CheckResult.failExplained(name, problem.get());
        }
        Checkpoint committed = checkpoint.get();
        String against = "the checkpoint in " + where + " (epoch " + committed.epoch() + ", seq " + committed.seq() + ") was routed with "
                + committed.partitionCount() + " partitions";
        return CheckResult.pass(name, committed.partitionCount() == partitionCount
                ? against + ", as the topic has"
                : against + " and the topic has " + partitionCount + ", which changes nothing: every table's rule puts its records in partition 0");
    }

    private boolean exactlyOnce() {
        return settings.sink().delivery() == DeliveryMode.EXACTLY_ONCE;
    }

    /** Like {@link CheckResult#guarded}, for a step that yields several results: one that throws yields one failure. */
    private static List<CheckResult> guardedAll(String name, Supplier<List<CheckResult>> checks) {
        try {
            return checks.get();
        } catch (RuntimeException e) {
            return List.of(CheckResult.guarded(name, () -> {
                throw e;
            }));
        }
    }
}
