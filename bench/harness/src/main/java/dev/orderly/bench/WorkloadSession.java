package dev.orderly.bench;

import dev.orderly.adapter.debezium.BenchEngineProperties;
import dev.orderly.app.state.FileOffsetStore;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.CheckpointText;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One backlog and every run over it: a MySQL and a Kafka broker of their own, the table, a checkpoint
 * taken by a short orderly run before the backlog (so every orderly contender, and the engine alone,
 * starts right before it), the backlog, the producer ceilings' feed, then the contenders' runs. The
 * latency runs ({@link LatencyRun}) and the huge transaction ({@link HugeTransaction}) use the same
 * servers afterwards, through the package-private methods below. Not thread-safe.
 */
final class WorkloadSession implements AutoCloseable {

    private static final String ORDERLY_MAIN = "dev.orderly.app.cli.OrderlyCommand";
    private static final String CONNECT_MAIN = "org.apache.kafka.connect.cli.ConnectStandalone";
    private static final Duration STOP_GRACE = Duration.ofSeconds(90);
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(120);

    /**
     * How a contender stopped.
     *
     * @param cpuSeconds its CPU time right before it was told to stop
     * @param clean whether it stopped cleanly and, for orderly, {@code orderly verify} found its topic clean
     * @param note what to add to the run's checks ({@code "; orderly verify: ..."}), empty for the others
     */
    record Stopped(double cpuSeconds, boolean clean, String note) {
    }

    /**
     * What a run drains and with which JVM.
     *
     * @param workload the name its measurement gets
     * @param ids the rows it must deliver
     * @param lastSeq an orderly run is done when its checkpoint reaches this seq
     */
    private record Drain(String workload, IdRange ids, long lastSeq, String heap, List<String> extraJvmOptions) {
    }

    @FunctionalInterface
    private interface RunBody {
        Measurement run(Path run, Path log, String topic) throws Exception;
    }

    private final HarnessOptions options;
    private final Workload workload;
    private final Path directory;
    private final Path argumentFile;
    private final Path quietLogging;
    private final BenchRows rows;
    private EmbeddedMySql mySql;
    private EmbeddedKafka kafka;
    private Admin admin;
    private Path seedState;
    private Checkpoint seedCheckpoint;
    private Path feed;
    private Backlog backlog;
    private long nextId;

    WorkloadSession(HarnessOptions options, Workload workload, Path directory, Path argumentFile, Path quietLogging) {
        this.options = options;
        this.workload = workload;
        this.directory = directory;
        this.argumentFile = argumentFile;
        this.quietLogging = quietLogging;
        this.rows = new BenchRows(workload.noteBytes());
    }

    Backlog backlog() {
        return backlog;
    }

    Workload workload() {
        return workload;
    }

    BenchRows rows() {
        return rows;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Servers, table, seed checkpoint, backlog and feed. */
    void prepare() throws Exception {
        long started = System.nanoTime();
        mySql = EmbeddedMySql.start(directory.resolve("mysql"));
        kafka = EmbeddedKafka.start(directory.resolve("kafka"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        Harness.log("  servers up in %.1f s: %s, %s", seconds(started), mySql, kafka.bootstrapServers());
        Backlog.createTable(mySql, rows);
        // The peer's other topics (schema changes, transaction metadata, heartbeats), created up front as the contenders' topics are.
        for (String topic : List.of(PeerConfig.TOPIC_PREFIX, PeerConfig.TOPIC_PREFIX + ".transaction", "__debezium-heartbeat." + PeerConfig.TOPIC_PREFIX)) {
            createTopic(topic, 1, Map.of());
        }
        reseed("seed");
        feed = directory.resolve("feed.bin");
        CompletableFuture<Void> feedWritten = CompletableFuture.runAsync(() -> FeedFile.write(feed, workload, rows, options.partitions()));
        backlog = Backlog.write(mySql, workload, rows);
        nextId = workload.rows() + 1;
        Harness.log("  backlog written in %.1f s; binlog before %s; after %s", backlog.writeTime().toMillis() / 1e3, backlog.before(), backlog.after());
        feedWritten.get();
        Harness.log("  feed for the producer ceilings: %s; setup took %.1f s", FeedFile.describe(feed), seconds(started));
    }

    /**
     * Runs orderly (hash, at-least-once) from an empty state directory until it streams and has
     * committed its first checkpoint, then stops it gracefully: its state directory then holds a
     * checkpoint at the current end of the binlog and the table's schema history. Every later orderly
     * drain starts from a copy of it.
     *
     * @param name the run's directory under the session's
     * @return the checkpoint
     */
    Checkpoint reseed(String name) throws Exception {
        long started = System.nanoTime();
        Path run = directory.resolve(name);
        Path state = run.resolve("state");
        FileOffsetStore store = new FileOffsetStore(state);
        try (ChildJvm orderly = launchOrderly(Contender.ORDERLY_HASH, run, state, "bench-seed", "unused", options.heap(), List.of(),
                run.resolve("orderly.log"))) {
            awaitStreaming(orderly, "streaming the binlog and a first checkpoint", () -> store.load().isPresent());
            int exit = orderly.stop(STOP_GRACE);
            if (exit != 0) {
                throw new IllegalStateException("the seed run of orderly exited with " + exit + orderly.logTail());
            }
        }
        seedState = state;
        seedCheckpoint = store.load().orElseThrow();
        Harness.log("  seed checkpoint in %.1f s: seq %d at %s", seconds(started), seedCheckpoint.seq(), seedCheckpoint.position().description());
        return seedCheckpoint;
    }

    /** One run of {@code contender} over the backlog; never throws for a failed run, which comes back invalid. */
    Measurement run(Contender contender, int repetition, List<String> extraJvmOptions) {
        String name = contender.id() + "-" + (repetition == 0 ? "profiled" : String.valueOf(repetition));
        Drain drain = new Drain(workload.name(), IdRange.of(1, workload.rows()), seedCheckpoint.seq() + workload.transactions(), options.heap(),
                extraJvmOptions);
        return guarded(contender, repetition, name, drain, (run, log, topic) -> switch (contender) {
            case DEBEZIUM -> runEngine(contender, repetition, drain, run, log);
            case PRODUCER_ONE, PRODUCER_N -> runProducer(contender, repetition, drain, run, log, topic);
            case ORDERLY_ONE, ORDERLY_HASH, ORDERLY_ONE_EOS, ORDERLY_HASH_EOS -> runOrderly(contender, repetition, drain, run, log, topic);
            case PEER_ONE, PEER_N -> runPeer(contender, repetition, drain, run, log, topic);
        });
    }

    /**
     * One orderly run from the latest seed checkpoint until its checkpoint reaches {@code lastSeq}, with
     * the given heap; checked like a backlog run. Never throws for a failed run, which comes back invalid.
     *
     * @param name the run's directory under {@link #runDirectory} and its topic's suffix
     */
    Measurement drain(Contender contender, String workloadName, String name, IdRange ids, long lastSeq, String heap, List<String> extraJvmOptions) {
        if (!contender.isOrderly()) {
            throw new IllegalArgumentException("only orderly drains from a seed checkpoint, not " + contender.id());
        }
        Drain drain = new Drain(workloadName, ids, lastSeq, heap, extraJvmOptions);
        return guarded(contender, 1, name, drain, (run, log, topic) -> runOrderly(contender, 1, drain, run, log, topic));
    }

    /** Where the run called {@code name} keeps its files. */
    Path runDirectory(String name) {
        return directory.resolve("runs").resolve(name);
    }

    /**
     * Starts an at-least-once orderly contender or a peer with nothing to resume from, so that it reads
     * the binlog from its current end: orderly with an empty state directory (it then starts as
     * {@code snapshot.mode=no_data}), returned once it logs that it streams the binlog; the peer with
     * {@code snapshot.mode=no_data} and a fresh offsets file, returned at once. Its topic is created.
     */
    ChildJvm startFresh(Contender contender, Path run, String topic, Path log) throws Exception {
        if (!contender.isPeer() && !(contender.isOrderly() && !contender.exactlyOnce())) {
            throw new IllegalArgumentException("only the peer and orderly at-least-once start fresh, not " + contender.id());
        }
        Files.createDirectories(run);
        createTopic(topic, contender.partitions(options.partitions()), Map.of());
        if (contender.isPeer()) {
            return launchPeer(contender, run, topic, "no_data", log);
        }
        ChildJvm orderly = launchOrderly(contender, run, run.resolve("state"), topic, "unused", options.heap(), List.of(), log);
        try {
            awaitStreaming(orderly, "streaming the binlog", () -> true);
            return orderly;
        } catch (Exception | Error e) {
            orderly.close();
            throw e;
        }
    }

    /** Stops a contender that writes to Kafka (SIGTERM) and, for orderly, runs {@code orderly verify} over its topic. */
    Stopped stop(Contender contender, ChildJvm child, String topic, Path run) throws Exception {
        double cpu = child.cpuSeconds();
        int exit = child.stop(STOP_GRACE);
        if (!contender.isOrderly()) {
            return new Stopped(cpu, true, "");
        }
        String verified = OrderlyVerifyRun.verify(argumentFile, kafka.bootstrapServers(), topic, mode(contender), contender.exactlyOnce(),
                run.resolve("verify.json"));
        String stopped = exit == 0 ? "" : "; orderly exited with " + exit + " after SIGTERM";
        return new Stopped(cpu, exit == 0 && verified.startsWith("clean"), "; orderly verify: " + verified + stopped);
    }

    /** Reads the topic and checks that it holds exactly {@code ids}, then deletes it. */
    TopicScan scanAndDelete(String topic, IdRange ids, TopicScan.RowVisitor visitor) {
        TopicScan scan = TopicScan.scan(kafka.bootstrapServers(), topic, ids, visitor);
        deleteTopic(topic);
        return scan;
    }

    /** {@code count} ids above every id written so far. */
    IdRange takeIds(long count) {
        IdRange ids = IdRange.of(nextId, count);
        nextId += count;
        return ids;
    }

    /** A new JDBC connection to the session's MySQL, as the administrator, auto-commit on. */
    Connection connect() throws SQLException {
        return Backlog.connect(mySql);
    }

    /**
     * The delivery settings every contender shares, read from where they come from: the engine's
     * {@code poll.interval.ms} (orderly's connector properties, which the peer's connector gets too) and
     * the producer's {@code linger.ms} (orderly's producer settings, which the peer's worker gets too).
     */
    String sharedDeliverySettings() {
        Path run = directory.resolve("settings");
        Path config = OrderlyConfig.write(run, run.resolve("state"), mySql, kafka.bootstrapServers(), "unused", 1, "one_partition", false, "unused");
        OrderlySettings settings = Orderly.loadSettings(config, System.getenv());
        Properties connector = BenchEngineProperties.forConnect(settings.source(), PeerConfig.TOPIC_PREFIX, run.resolve("schema-history.dat"));
        Map<String, Object> producer = dev.orderly.adapter.kafka.BenchProducerSettings.of(settings.sink(), "settings");
        return "poll.interval.ms=" + connector.getProperty("poll.interval.ms", "(Debezium's default)") + " (Debezium), linger.ms="
                + producer.get(ProducerConfig.LINGER_MS_CONFIG) + " and batch.size=" + producer.get(ProducerConfig.BATCH_SIZE_CONFIG)
                + " (producer), for orderly and the peer alike";
    }

    private Measurement guarded(Contender contender, int repetition, String name, Drain drain, RunBody body) {
        Path run = runDirectory(name);
        Path log = run.resolve("contender.log");
        try {
            Files.createDirectories(run);
            return body.run(run, log, "bench-" + name);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Measurement.failed(drain.workload(), contender, repetition, drain.ids().count(), e.toString().lines().findFirst().orElse("")
                    + " (see log)", log.toString());
        }
    }

    private Measurement runEngine(Contender contender, int repetition, Drain drain, Path run, Path log) throws Exception {
        Path state = copySeedState(run.resolve("state"));
        Path config = OrderlyConfig.write(run, state, mySql, kafka.bootstrapServers(), "unused", 1, "one_partition", false, "unused");
        try (ChildJvm engine = ChildJvm.start(contender.id(), argumentFile, jvmOptions(drain.heap(), quiet(drain.extraJvmOptions())),
                DebeziumCeiling.class.getName(), List.of(config.toString(), Long.toString(drain.ids().count())), log, Map.of())) {
            String done = engine.awaitSignal("DONE", timeout(drain));
            double cpu = engine.cpuSeconds();
            long doneMillis = Long.parseLong(done.split(" ")[0]);
            long firstMillis = Long.parseLong(engine.signal("FIRST").orElseThrow().trim());
            engine.stop(STOP_GRACE);
            return new Measurement(drain.workload(), contender, repetition, drain.ids().count(), (doneMillis - engine.startedMillis()) / 1e3,
                    (doneMillis - firstMillis) / 1e3, cpu, true, "ok: the consumer counted " + done.split(" ")[1] + " changes of the table", log.toString());
        }
    }

    private Measurement runProducer(Contender contender, int repetition, Drain drain, Path run, Path log, String topic) throws Exception {
        int partitions = contender.partitions(options.partitions());
        createTopic(topic, partitions, Map.of());
        Path config = OrderlyConfig.write(run, run.resolve("state"), mySql, kafka.bootstrapServers(), topic, partitions, "hash", false, "unused");
        try (ChildJvm producer = ChildJvm.start(contender.id(), argumentFile, jvmOptions(drain.heap(), quiet(drain.extraJvmOptions())),
                ProducerCeiling.class.getName(), List.of(config.toString(), feed.toString(), contender.spread() ? "spread" : "one"), log, Map.of())) {
            producer.awaitSignal("DONE", timeout(drain));
            double cpu = producer.cpuSeconds();
            producer.stop(STOP_GRACE);
            return measured(contender, repetition, drain, producer, new Stopped(cpu, true, ""), topic, log);
        }
    }

    private Measurement runOrderly(Contender contender, int repetition, Drain drain, Path run, Path log, String topic) throws Exception {
        int partitions = contender.partitions(options.partitions());
        createTopic(topic, partitions, Map.of());
        Path state = copySeedState(run.resolve("state"));
        Checkpoint start = new Checkpoint(seedCheckpoint.position(), seedCheckpoint.seq(), partitions, seedCheckpoint.epoch(),
                seedCheckpoint.schemaVersions());
        String offsetsTopic = topic + "-offsets";
        if (contender.exactlyOnce()) {
            Files.deleteIfExists(state.resolve("checkpoint.properties"));
            createTopic(offsetsTopic, 1, Map.of("cleanup.policy", "compact"));
            writeCheckpoint(offsetsTopic, start);
        } else {
            new FileOffsetStore(state).commit(start);
        }
        ChildJvm orderly = launchOrderly(contender, run, state, topic, offsetsTopic, drain.heap(), drain.extraJvmOptions(), log);
        Stopped stopped;
        try (orderly; CheckpointWatch checkpoints = contender.exactlyOnce()
                ? CheckpointWatch.offsetsTopic(kafka.bootstrapServers(), offsetsTopic, OrderlyConfig.PIPELINE)
                : CheckpointWatch.stateDirectory(state)) {
            orderly.await("its checkpoint at seq " + drain.lastSeq(), timeout(drain), Duration.ofMillis(20),
                    () -> checkpoints.seq() >= drain.lastSeq());
            stopped = stop(contender, orderly, topic, run);
        }
        Measurement measured = measured(contender, repetition, drain, orderly, stopped, topic, log);
        return stopped.clean() ? measured : measured.invalid();
    }

    private Measurement runPeer(Contender contender, int repetition, Drain drain, Path run, Path log, String topic) throws Exception {
        int partitions = contender.partitions(options.partitions());
        createTopic(topic, partitions, Map.of());
        try (ChildJvm connect = launchPeer(contender, run, topic, "never", log); KafkaConsumer<byte[], byte[]> offsets = consumer(false)) {
            List<TopicPartition> topicPartitions = Stream.iterate(0, p -> p + 1).limit(partitions).map(p -> new TopicPartition(topic, p)).toList();
            connect.await(drain.ids().count() + " rows in its topic", timeout(drain), Duration.ofMillis(50),
                    () -> offsets.endOffsets(topicPartitions).values().stream().mapToLong(Long::longValue).sum() >= drain.ids().count());
            return measured(contender, repetition, drain, connect, stop(contender, connect, topic, run), topic, log);
        }
    }

    /** orderly's {@code run} with the contender's partition mode and delivery, on its own topic and state directory. */
    private ChildJvm launchOrderly(Contender contender, Path run, Path state, String topic, String offsetsTopic, String heap, List<String> extraJvmOptions,
            Path log) {
        Path config = OrderlyConfig.write(run, state, mySql, kafka.bootstrapServers(), topic, contender.partitions(options.partitions()), mode(contender),
                contender.exactlyOnce(), offsetsTopic);
        return ChildJvm.start(contender.id(), argumentFile, jvmOptions(heap, extraJvmOptions), ORDERLY_MAIN,
                List.of("run", "--config", config.toString(), "--no-progress"), log, Map.of());
    }

    /** Kafka Connect standalone with the Debezium connector, orderly's connector and producer settings (see {@link PeerConfig}). */
    private ChildJvm launchPeer(Contender contender, Path run, String topic, String snapshotMode, Path log) {
        int partitions = contender.partitions(options.partitions());
        Path orderlyConfig = OrderlyConfig.write(run, run.resolve("state"), mySql, kafka.bootstrapServers(), topic, partitions, "hash", false, "unused");
        OrderlySettings settings = Orderly.loadSettings(orderlyConfig, System.getenv());
        Path worker = PeerConfig.writeWorker(run, settings.sink(), PeerConfig.freePort());
        Properties connectorProperties = BenchEngineProperties.forConnect(settings.source(), PeerConfig.TOPIC_PREFIX, run.resolve("schema-history.dat"));
        Path connector = PeerConfig.writeConnector(run, connectorProperties, topic, snapshotMode);
        return ChildJvm.start(contender.id(), argumentFile, jvmOptions(options.heap(), quiet(List.of())), CONNECT_MAIN,
                List.of(worker.toString(), connector.toString()), log, Map.of());
    }

    /** Waits until orderly logs that it streams the binlog ({@code ... is streaming the binlog}) and {@code alsoDone} holds. */
    private static void awaitStreaming(ChildJvm orderly, String what, ChildJvm.Condition alsoDone) throws Exception {
        orderly.await(what, STREAMING_TIMEOUT, Duration.ofMillis(100),
                () -> Files.readString(orderly.log()).contains("is streaming the binlog") && alsoDone.holds());
    }


    /** Reads the topic, checks it, and times the run from the JVM's launch to the last row's append. */
    private Measurement measured(Contender contender, int repetition, Drain drain, ChildJvm child, Stopped stopped, String topic, Path log) {
        TopicScan scan = scanAndDelete(topic, drain.ids(), TopicScan.RowVisitor.NONE);
        return new Measurement(drain.workload(), contender, repetition, drain.ids().count(), (scan.lastAppendMillis() - child.startedMillis()) / 1e3,
                (scan.lastAppendMillis() - scan.firstAppendMillis()) / 1e3, stopped.cpuSeconds(), scan.clean(), scan.summary() + stopped.note(),
                log.toString());
    }

    private static String mode(Contender contender) {
        return contender.spread() ? "hash" : "one_partition";
    }

    private Path copySeedState(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(seedState)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** Writes a checkpoint to an exactly-once pipeline's offsets topic as orderly keeps it there: key the pipeline name, value its text. */
    private void writeCheckpoint(String offsetsTopic, Checkpoint checkpoint) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(offsetsTopic, OrderlyConfig.PIPELINE.getBytes(StandardCharsets.UTF_8),
                    CheckpointText.write(checkpoint).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }

    /** Every topic is created with the broker's append time as record timestamp: the scan times delivery with it. */
    private void createTopic(String topic, int partitions, Map<String, String> configs) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.put("message.timestamp.type", "LogAppendTime");
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(all))).all().get(30, TimeUnit.SECONDS);
    }

    /** Frees the disk: a 1M-row topic is half a gigabyte or more. */
    private void deleteTopic(String topic) {
        try {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Harness.log("  could not delete topic %s: %s", topic, e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(boolean readCommitted) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The same JVM for every contender: the heap (the options' but for the huge transaction's runs), G1, and whatever the contender adds. */
    private static List<String> jvmOptions(String heap, List<String> extra) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"));
        jvm.addAll(extra);
        return jvm;
    }

    /** Logging for the engine alone, the producer and Kafka Connect: warnings only. */
    private List<String> quiet(List<String> extra) {
        List<String> jvm = new ArrayList<>(List.of("-Dlogback.configurationFile=" + quietLogging));
        jvm.addAll(extra);
        return jvm;
    }

    /** Generous: two minutes plus 2,000 rows a second. */
    private static Duration timeout(Drain drain) {
        return Duration.ofSeconds(120 + drain.ids().count() / 2_000);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (mySql != null) {
            mySql.stop();
        }
        if (!options.keepWork()) {
            FileTrees.deleteRecursively(directory);
        }
    }

}
