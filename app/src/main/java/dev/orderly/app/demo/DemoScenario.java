package dev.orderly.app.demo;

import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.domain.verify.CommittedTransaction;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.OrderVerifier;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.domain.verify.VerifierSettings;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.StoredRecord;
import dev.orderly.ports.TransactionHeaders;
import dev.orderly.ports.TransactionStreamPort;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one concurrent workload through one pipeline per mode, then reads every topic back and
 * checks it: the order verifier against the commit order the server lists, and a replay against the
 * tables' final contents.
 */
public final class DemoScenario {

    private static final Logger LOG = LoggerFactory.getLogger(DemoScenario.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(3);
    /** Records the demo's re-assembler may hold while it waits for watermarks: far more than its workload needs. */
    private static final int REASSEMBLY_BUFFER = 1_000_000;

    private final EmbeddedDatabase database;
    private final String bootstrapServers;
    private final ScenarioOptions options;

    public DemoScenario(EmbeddedDatabase database, String bootstrapServers, ScenarioOptions options) {
        this.database = database;
        this.bootstrapServers = bootstrapServers;
        this.options = options;
    }

    public ScenarioReport run() throws InterruptedException, SQLException {
        Map<String, OrderlySettings> settingsByMode = new LinkedHashMap<>();
        int serverId = 5400;
        for (String mode : options.modes()) {
            settingsByMode.put(mode, settings(mode, ++serverId));
        }
        StreamedWorkload streamed = stream(settingsByMode);
        List<ModeReport> reports = new ArrayList<>();
        for (Map.Entry<String, OrderlySettings> mode : settingsByMode.entrySet()) {
            reports.add(check(mode.getKey(), mode.getValue(), streamed.partitionCounts().get(mode.getKey()), streamed.history(),
                    streamed.catchUpMillis().get(mode.getKey())));
        }
        Optional<ReassemblyCheck> reassembly = Optional.empty();
        if (settingsByMode.containsKey("one_partition") && settingsByMode.containsKey("hash")) {
            reassembly = Optional.of(reassemble(settingsByMode.get("one_partition"), settingsByMode.get("hash")));
        }
        return new ScenarioReport(database.flavour(), streamed.workload(), reports, reassembly);
    }

    /** DESIGN.md §5: the hash topic, its partitions merged by the re-assembler, holds the one_partition topic's transactions. */
    private ReassemblyCheck reassemble(OrderlySettings onePartition, OrderlySettings hash) {
        List<WholeTransaction> expected = WholeTransactions.ofOnePartitionTopic(Orderly.topicReader(bootstrapServers), onePartition.sink().topic(),
                Orderly.format(onePartition.format()));
        try (TransactionStreamPort stream = Orderly.transactionStream(bootstrapServers, hash.sink().topic(), hash.format(), REASSEMBLY_BUFFER)) {
            List<WholeTransaction> reassembled = WholeTransactions.ofStream(stream, expected.size(), CATCH_UP_TIMEOUT);
            return new ReassemblyCheck(reassembled.size(), WholeTransactions.firstDifference(expected, reassembled));
        }
    }

    /**
     * Creates the workload's tables, starts one pipeline per entry, runs the workload, waits until
     * every pipeline has every change acknowledged, stops them and reads the commit order back.
     *
     * @param pipelines pipeline settings by a name of the caller's choice
     */
    public StreamedWorkload stream(Map<String, OrderlySettings> pipelines) throws InterruptedException, SQLException {
        String db = options.database();
        database.execute(WorkloadSchema.ddl(db).toArray(String[]::new));
        Map<String, PipelineRun> runs = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
                runs.put(pipeline.getKey(), Orderly.pipeline(pipeline.getValue()).start());
            }
            for (Map.Entry<String, PipelineRun> run : runs.entrySet()) {
                awaitStreaming(run.getKey(), run.getValue());
            }
            LOG.info("Running the workload: {} writers, {} changes", options.writers(), options.changes());
            long workloadStart = System.nanoTime();
            WorkloadResult workload = new SampleWorkload(new WorkloadOptions(db, options.writers(), options.changes(), options.seed(), 5),
                    database.jdbcUrl(db), database.adminUser(), database.adminPassword()).run();
            Map<String, Long> catchUp = new LinkedHashMap<>();
            Map<String, Integer> partitionCounts = new LinkedHashMap<>();
            for (Map.Entry<String, PipelineRun> run : runs.entrySet()) {
                awaitCaughtUp(run.getKey(), run.getValue(), workload.transactions());
                catchUp.put(run.getKey(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - workloadStart));
                partitionCounts.put(run.getKey(), run.getValue().partitionCount());
            }
            runs.values().forEach(PipelineRun::stop);
            List<CommittedTransaction> history = BinlogListing.committedHistory(workload.journal(),
                    BinlogListing.tagsInCommitOrder(database.jdbcUrl(db), database.adminUser(), database.adminPassword(), db));
            return new StreamedWorkload(workload, history, catchUp, partitionCounts);
        } finally {
            runs.values().forEach(PipelineRun::stop);
        }
    }

    /** Every data record of a pipeline's topic, decoded with its format; control records (markers) are left out. */
    public List<ConsumedRecord> readBack(OrderlySettings settings) {
        MessageFormatPort format = Orderly.format(settings.format());
        List<ConsumedRecord> records = new ArrayList<>();
        for (StoredRecord stored : Orderly.topicReader(bootstrapServers).readAll(settings.sink().topic())) {
            if (!stored.headers().containsKey(TransactionHeaders.MARKER)) {
                records.add(format.read(stored.partition(), stored.offset(), stored.key(), stored.value(), stored.headers()));
            }
        }
        return records;
    }

    /** The settings of the scenario's pipeline for a mode; the demo's and the tests' starting point. */
    public OrderlySettings settings(String mode, int serverId) {
        String db = options.database();
        String name = db + "-" + mode.replace('_', '-');
        boolean onePartition = PartitionMode.byName(mode).filter(PartitionMode.ONE_PARTITION::equals).isPresent();
        return new OrderlySettings(name, options.stateRoot().resolve(name),
                new SourceSettings(SourceType.valueOf(database.flavour().toUpperCase(java.util.Locale.ROOT)), database.host(), database.port(),
                        database.cdcUser(), database.cdcPassword(), serverId, WorkloadSchema.tables(db), Map.of()),
                new SinkSettings(bootstrapServers, name + ".changes", onePartition ? 1 : options.hashPartitions(), DeliveryMode.AT_LEAST_ONCE, Map.of()),
                new PartitionSettings(mode, WorkloadSchema.configuredShardingColumns(db), NoKeyPolicy.FAIL),
                "json");
    }

    private static void awaitStreaming(String mode, PipelineRun run) throws InterruptedException {
        try {
            run.streaming().get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the " + mode + " pipeline did not start streaming: " + e, e);
        }
    }

    private static void awaitCaughtUp(String mode, PipelineRun run, long transactions) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (run.progress().acknowledgedSeq() < transactions) {
            if (run.failure().isPresent()) {
                throw new IllegalStateException("the " + mode + " pipeline failed", run.failure().get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + mode + " pipeline acknowledged " + run.progress() + " of " + transactions
                        + " transactions within " + CATCH_UP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    private ModeReport check(String mode, OrderlySettings settings, int partitionCount, List<CommittedTransaction> history, long catchUpMillis)
            throws SQLException {
        String topic = settings.sink().topic();
        List<ConsumedRecord> records = readBack(settings);
        boolean onePartition = PartitionMode.byName(mode).filter(PartitionMode.ONE_PARTITION::equals).isPresent();
        VerifierSettings verifierSettings = new VerifierSettings(onePartition ? OrderingGuarantee.TOTAL : OrderingGuarantee.PER_KEY, partitionCount,
                WorkloadSchema.shardingColumns(options.database()), WorkloadSchema.identityColumns(options.database()));
        VerificationReport report = OrderVerifier.verify(records, verifierSettings, Optional.of(history));
        List<String> replay = replayProblems(records);
        return new ModeReport(mode, topic, partitionCount, report, replay, catchUpMillis);
    }

    /** Differences between the records replayed in transaction order and the source tables; empty when equal. */
    public List<String> replayProblems(List<ConsumedRecord> records) throws SQLException {
        return TableReplay.compare(records, database, options.database());
    }
}
