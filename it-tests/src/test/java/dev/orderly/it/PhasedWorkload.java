package dev.orderly.it;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.verify.CommittedTransaction;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.OrderVerifier;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.domain.verify.VerifierSettings;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import dev.orderly.sandbox.EmbeddedDatabase;
import dev.orderly.sandbox.workload.BinlogListing;
import dev.orderly.sandbox.workload.SampleWorkload;
import dev.orderly.sandbox.workload.WorkloadOptions;
import dev.orderly.sandbox.workload.WorkloadResult;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The sample workload written in phases, one database per phase (the workload's transaction tags
 * restart with every run, so a phase needs a database of its own), streamed by one hash-mode
 * pipeline that includes the tables of every phase; and the checks of what that pipeline wrote: the
 * order verifier against the commit order the server lists, and a replay against the tables.
 *
 * <p>Phases run one after the other, so the committed history is the phases' histories in phase
 * order. A test may stop writing between phases (a database restart), which the workload itself
 * would not survive.
 */
final class PhasedWorkload {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(3);

    private final EmbeddedDatabase database;
    private final String bootstrapServers;
    private final String name;
    private final List<String> phases;
    private final int partitions;
    private final Path stateDirectory;
    /** Written by the thread that runs the workload, read by the test's. */
    private final List<WorkloadResult> written = new CopyOnWriteArrayList<>();
    /** Each written phase's history, read from the binlog once: a test may purge the binlog afterwards. */
    private final List<List<CommittedTransaction>> histories = new ArrayList<>();

    /**
     * @param name the pipeline's name, its topic's prefix and the prefix of the phases' databases
     * @param phases how many phases (databases) there are
     */
    PhasedWorkload(EmbeddedDatabase database, String bootstrapServers, String name, int phases, int partitions) {
        this.database = database;
        this.bootstrapServers = bootstrapServers;
        this.name = name;
        this.phases = new ArrayList<>();
        for (int phase = 1; phase <= phases; phase++) {
            this.phases.add(name.replace('-', '_') + "_" + phase);
        }
        this.partitions = partitions;
        this.stateDirectory = RealServers.workDirectory(name);
    }

    /**
     * A started pipeline and its end: {@code terminated} completes when the run stops, exceptionally
     * with the run's {@link dev.orderly.app.pipeline.PipelineFailedException} when it failed, so a
     * waiting test sees a failed source at once.
     */
    record Running(PipelineRun run, CompletableFuture<Void> terminated) {
    }

    /** Starts a pipeline and waits until it streams the binlog. */
    Running start(OrderlySettings settings) throws Exception {
        PipelineRun run = Orderly.pipeline(settings).start();
        CompletableFuture<Void> terminated = CompletableFuture.runAsync(run::awaitTermination);
        run.streaming().get(2, TimeUnit.MINUTES);
        return new Running(run, terminated);
    }

    /** Creates every phase's database and tables, empty. */
    PhasedWorkload createSchemas() {
        for (String db : phases) {
            database.execute(WorkloadSchema.ddl(db).toArray(String[]::new));
        }
        return this;
    }

    /** The database of phase {@code phase} (1-based). */
    String database(int phase) {
        return phases.get(phase - 1);
    }

    String topic() {
        return name + ".changes";
    }

    Path stateDirectory() {
        return stateDirectory;
    }

    Path checkpointFile() {
        return stateDirectory.resolve("checkpoint.properties");
    }

    /** A hash-mode, at-least-once pipeline over every phase's tables. */
    OrderlySettings settings(Duration outageTimeout, int serverId) {
        List<TableId> include = new ArrayList<>();
        Map<TableId, List<String>> shardingColumns = new HashMap<>();
        for (String db : phases) {
            include.addAll(WorkloadSchema.tables(db));
            shardingColumns.putAll(WorkloadSchema.configuredShardingColumns(db));
        }
        return new OrderlySettings(name, stateDirectory,
                new SourceSettings(SourceType.valueOf(database.flavour().toUpperCase(Locale.ROOT)), database.host(), database.port(),
                        database.cdcUser(), database.cdcPassword(), serverId, include, Map.of()),
                new SinkSettings(bootstrapServers, topic(), partitions, DeliveryMode.AT_LEAST_ONCE, Map.of(), outageTimeout,
                        SinkSettings.DEFAULT_OFFSETS_TOPIC, SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS),
                new PartitionSettings("hash", shardingColumns, NoKeyPolicy.FAIL),
                "json");
    }

    /** Runs phase {@code phase} (1-based) of the workload to completion. */
    WorkloadResult write(int phase, int writers, int changes, long seed) throws InterruptedException {
        if (phase != written.size() + 1) {
            throw new IllegalStateException("phase " + phase + " written out of turn; phases written: " + written.size());
        }
        String db = phases.get(phase - 1);
        WorkloadResult result = new SampleWorkload(new WorkloadOptions(db, writers, changes, seed, 5), database.jdbcUrl(db), database.adminUser(),
                database.adminPassword()).run();
        written.add(result);
        return result;
    }

    /** Transactions written so far, over every phase. */
    long transactionsWritten() {
        return written.stream().mapToLong(WorkloadResult::transactions).sum();
    }

    /** Waits until the run has every transaction written so far acknowledged by Kafka. */
    void awaitAcknowledged(Running running) throws InterruptedException {
        PipelineRun run = running.run();
        long expected = transactionsWritten();
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (run.progress().acknowledgedSeq() < expected) {
            if (running.terminated().isDone()) {
                Throwable failure = running.terminated().handle((ignored, error) -> error).join();
                throw new AssertionError("the pipeline stopped while catching up with " + expected + " transactions at " + run.progress(), failure);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pipeline acknowledged " + run.progress() + " of " + expected + " transactions within "
                        + CATCH_UP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The committed transactions of every phase written so far, in commit order. Each phase's order
     * is read from the binlog the first time it is asked for; call this before purging binlogs.
     */
    List<CommittedTransaction> history() throws SQLException {
        for (int phase = histories.size(); phase < written.size(); phase++) {
            String db = phases.get(phase);
            histories.add(BinlogListing.committedHistory(written.get(phase).journal(),
                    BinlogListing.tagsInCommitOrder(database.jdbcUrl(db), database.adminUser(), database.adminPassword(), db)));
        }
        List<CommittedTransaction> history = new ArrayList<>();
        histories.forEach(history::addAll);
        return history;
    }

    List<ConsumedRecord> readBack(OrderlySettings settings) {
        return scenario(phases.get(0)).readBack(settings);
    }

    /** The verifier's report against the committed history; every repeated record is a DUPLICATE. */
    VerificationReport verify(List<ConsumedRecord> records) throws SQLException {
        Map<TableId, ShardingColumns> shardingColumns = new HashMap<>();
        Map<TableId, List<String>> identityColumns = new HashMap<>();
        for (String db : phases) {
            shardingColumns.put(WorkloadSchema.customers(db), new ShardingColumns(WorkloadSchema.customers(db), List.of("id"),
                    ShardingColumns.Origin.PRIMARY_KEY));
            shardingColumns.put(WorkloadSchema.orders(db), new ShardingColumns(WorkloadSchema.orders(db), List.of("customer_id"),
                    ShardingColumns.Origin.CONFIGURED));
            shardingColumns.put(WorkloadSchema.accounts(db), new ShardingColumns(WorkloadSchema.accounts(db), List.of("code"),
                    ShardingColumns.Origin.UNIQUE_KEY));
            identityColumns.putAll(WorkloadSchema.identityColumns(db));
        }
        VerifierSettings settings = new VerifierSettings(OrderingGuarantee.PER_KEY, partitions, shardingColumns, identityColumns);
        return OrderVerifier.verify(records, settings, Optional.of(history()));
    }

    /** Differences between the records replayed in commit order and each phase's tables; empty when equal. */
    List<String> replayProblems(List<ConsumedRecord> records) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String db : phases.subList(0, written.size())) {
            problems.addAll(scenario(db).replayProblems(records.stream().filter(record -> record.table().database().equals(db)).toList()));
        }
        return problems;
    }

    private DemoScenario scenario(String db) {
        return new DemoScenario(database, bootstrapServers, new ScenarioOptions(db, 1, 1, 1, partitions, List.of("hash"), stateDirectory));
    }
}
