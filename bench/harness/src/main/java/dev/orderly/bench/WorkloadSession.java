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
 * starts right before it), the backlog, the producer ceilings' feed, then the contenders' runs.
 * Not thread-safe.
 */
final class WorkloadSession implements AutoCloseable {

    private static final String ORDERLY_MAIN = "dev.orderly.app.cli.OrderlyCommand";
    private static final String CONNECT_MAIN = "org.apache.kafka.connect.cli.ConnectStandalone";
    private static final Duration STOP_GRACE = Duration.ofSeconds(90);

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
        seed();
        feed = directory.resolve("feed.bin");
        CompletableFuture<Void> feedWritten = CompletableFuture.runAsync(() -> FeedFile.write(feed, workload, rows, options.partitions()));
        backlog = Backlog.write(mySql, workload, rows);
        Harness.log("  backlog written in %.1f s; binlog before %s; after %s", backlog.writeTime().toMillis() / 1e3, backlog.before(), backlog.after());
        feedWritten.get();
        Harness.log("  feed for the producer ceilings: %s; setup took %.1f s", FeedFile.describe(feed), seconds(started));
    }

    /**
     * Runs orderly (hash, at-least-once) until it streams and has committed its first checkpoint, then
     * stops it gracefully: its state directory then holds a checkpoint right before the backlog and the
     * table's schema history. Every orderly contender starts from a copy of it.
     */
    private void seed() throws Exception {
        long started = System.nanoTime();
        Path run = directory.resolve("seed");
        seedState = run.resolve("state");
        Path config = OrderlyConfig.write(run, seedState, mySql, kafka.bootstrapServers(), "bench-seed", options.partitions(), "hash", false, "unused");
        Path log = run.resolve("orderly.log");
        try (ChildJvm orderly = ChildJvm.start("orderly seed", argumentFile, jvmOptions(List.of()), ORDERLY_MAIN,
                List.of("run", "--config", config.toString(), "--no-progress"), log, Map.of())) {
            FileOffsetStore store = new FileOffsetStore(seedState);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!Files.readString(log).contains("is streaming the binlog") || store.load().isEmpty()) {
                if (!orderly.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the seed run of orderly did not stream and commit a checkpoint within 120 s" + orderly.logTail());
                }
                Thread.sleep(100);
            }
            int exit = orderly.stop(STOP_GRACE);
            if (exit != 0) {
                throw new IllegalStateException("the seed run of orderly exited with " + exit + orderly.logTail());
            }
        }
        seedCheckpoint = new FileOffsetStore(seedState).load().orElseThrow();
        Harness.log("  seed checkpoint in %.1f s: seq %d at %s", seconds(started), seedCheckpoint.seq(), seedCheckpoint.position().description());
    }

    /** One run of {@code contender}; never throws for a failed run, which comes back invalid. */
    Measurement run(Contender contender, int repetition, List<String> extraJvmOptions) {
        String name = contender.id() + "-" + (repetition == 0 ? "profiled" : String.valueOf(repetition));
        Path run = directory.resolve("runs").resolve(name);
        Path log = run.resolve("contender.log");
        try {
            Files.createDirectories(run);
            return switch (contender) {
                case DEBEZIUM -> runEngine(contender, repetition, run, log);
                case PRODUCER_ONE, PRODUCER_N -> runProducer(contender, repetition, run, log, "bench-" + name);
                case ORDERLY_ONE, ORDERLY_HASH, ORDERLY_ONE_EOS, ORDERLY_HASH_EOS -> runOrderly(contender, repetition, run, log, "bench-" + name,
                        extraJvmOptions);
                case PEER_ONE, PEER_N -> runPeer(contender, repetition, run, log, "bench-" + name);
            };
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Measurement.failed(workload.name(), contender, repetition, workload.rows(), e.toString().lines().findFirst().orElse("") + " (see log)",
                    log.toString());
        }
    }

    private Measurement runEngine(Contender contender, int repetition, Path run, Path log) throws Exception {
        Path state = copySeedState(run.resolve("state"));
        Path config = OrderlyConfig.write(run, state, mySql, kafka.bootstrapServers(), "unused", 1, "one_partition", false, "unused");
        try (ChildJvm engine = ChildJvm.start(contender.id(), argumentFile, jvmOptions(List.of("-Dlogback.configurationFile=" + quietLogging)),
                DebeziumCeiling.class.getName(), List.of(config.toString(), Long.toString(workload.rows())), log, Map.of())) {
            String done = engine.awaitSignal("DONE", timeout());
            double cpu = engine.cpuSeconds();
            long doneMillis = Long.parseLong(done.split(" ")[0]);
            long firstMillis = Long.parseLong(engine.signal("FIRST").orElseThrow().trim());
            engine.stop(STOP_GRACE);
            return new Measurement(workload.name(), contender, repetition, workload.rows(), (doneMillis - engine.startedMillis()) / 1e3,
                    (doneMillis - firstMillis) / 1e3, cpu, true, "ok: the consumer counted " + done.split(" ")[1] + " changes of the table", log.toString());
        }
    }

    private Measurement runProducer(Contender contender, int repetition, Path run, Path log, String topic) throws Exception {
        int partitions = contender.partitions(options.partitions());
        createTopic(topic, partitions, Map.of());
        Path config = OrderlyConfig.write(run, run.resolve("state"), mySql, kafka.bootstrapServers(), topic, partitions, "hash", false, "unused");
        try (ChildJvm producer = ChildJvm.start(contender.id(), argumentFile, jvmOptions(List.of("-Dlogback.configurationFile=" + quietLogging)),
                ProducerCeiling.class.getName(), List.of(config.toString(), feed.toString(), contender.spread() ? "spread" : "one"), log, Map.of())) {
            producer.awaitSignal("DONE", timeout());
            double cpu = producer.cpuSeconds();
            producer.stop(STOP_GRACE);
            return measured(contender, repetition, producer, cpu, topic, "", log);
        }
    }

    private Measurement runOrderly(Contender contender, int repetition, Path run, Path log, String topic, List<String> extraJvmOptions) throws Exception {
        int partitions = contender.partitions(options.partitions());
        String mode = contender.spread() ? "hash" : "one_partition";
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
        long lastSeq = start.seq() + workload.transactions();
        Path config = OrderlyConfig.write(run, state, mySql, kafka.bootstrapServers(), topic, partitions, mode, contender.exactlyOnce(), offsetsTopic);
        double cpu;
        ChildJvm orderly = ChildJvm.start(contender.id(), argumentFile, jvmOptions(extraJvmOptions), ORDERLY_MAIN,
                List.of("run", "--config", config.toString(), "--no-progress"), log, Map.of());
        try (orderly; CheckpointWatch checkpoints = contender.exactlyOnce()
                ? CheckpointWatch.offsetsTopic(kafka.bootstrapServers(), offsetsTopic, OrderlyConfig.PIPELINE)
                : CheckpointWatch.stateDirectory(state)) {
            long deadline = System.nanoTime() + timeout().toNanos();
            while (checkpoints.seq() < lastSeq) {
                if (!orderly.isAlive()) {
                    throw new IllegalStateException("orderly exited with " + orderly.waitFor(Duration.ofSeconds(1)) + " before its checkpoint reached seq "
                            + lastSeq + orderly.logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("orderly's checkpoint did not reach seq " + lastSeq + " within " + timeout().toSeconds() + " s"
                            + orderly.logTail());
                }
                Thread.sleep(20);
            }
            cpu = orderly.cpuSeconds();
            int exit = orderly.stop(STOP_GRACE);
            String stopped = exit == 0 ? "" : "; orderly exited with " + exit + " after SIGTERM";
            String verified = OrderlyVerifyRun.verify(argumentFile, kafka.bootstrapServers(), topic, mode, contender.exactlyOnce(),
                    run.resolve("verify.json"));
            Measurement measured = measured(contender, repetition, orderly, cpu, topic, "; orderly verify: " + verified + stopped, log);
            boolean verifyClean = verified.startsWith("clean");
            return verifyClean && exit == 0 ? measured : new Measurement(measured.workload(), contender, repetition, measured.rows(), measured.seconds(),
                    measured.steadySeconds(), measured.cpuSeconds(), false, measured.check(), measured.log());
        }
    }

    private Measurement runPeer(Contender contender, int repetition, Path run, Path log, String topic) throws Exception {
        int partitions = contender.partitions(options.partitions());
        createTopic(topic, partitions, Map.of());
        Path orderlyConfig = OrderlyConfig.write(run, run.resolve("state"), mySql, kafka.bootstrapServers(), topic, partitions, "hash", false, "unused");
        OrderlySettings settings = Orderly.loadSettings(orderlyConfig, System.getenv());
        Path worker = PeerConfig.writeWorker(run, settings.sink(), PeerConfig.freePort());
        Properties connectorProperties = BenchEngineProperties.forConnect(settings.source(), PeerConfig.TOPIC_PREFIX, run.resolve("schema-history.dat"));
        Path connector = PeerConfig.writeConnector(run, connectorProperties, topic);
        try (ChildJvm connect = ChildJvm.start(contender.id(), argumentFile, jvmOptions(List.of("-Dlogback.configurationFile=" + quietLogging)),
                CONNECT_MAIN, List.of(worker.toString(), connector.toString()), log, Map.of());
                KafkaConsumer<byte[], byte[]> offsets = consumer(false)) {
            List<TopicPartition> topicPartitions = Stream.iterate(0, p -> p + 1).limit(partitions).map(p -> new TopicPartition(topic, p)).toList();
            long deadline = System.nanoTime() + timeout().toNanos();
            while (offsets.endOffsets(topicPartitions).values().stream().mapToLong(Long::longValue).sum() < workload.rows()) {
                if (!connect.isAlive()) {
                    throw new IllegalStateException("Kafka Connect exited with " + connect.waitFor(Duration.ofSeconds(1)) + connect.logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the peer did not write " + workload.rows() + " rows within " + timeout().toSeconds() + " s"
                            + connect.logTail());
                }
                Thread.sleep(50);
            }
            double cpu = connect.cpuSeconds();
            connect.stop(STOP_GRACE);
            return measured(contender, repetition, connect, cpu, topic, "", log);
        }
    }

    /** Reads the topic, checks it, and times the run from the JVM's launch to the last row's append. */
    private Measurement measured(Contender contender, int repetition, ChildJvm child, double cpu, String topic, String more, Path log) {
        TopicScan scan = TopicScan.scan(kafka.bootstrapServers(), topic, workload.rows());
        boolean clean = scan.clean(workload.rows());
        deleteTopic(topic);
        return new Measurement(workload.name(), contender, repetition, workload.rows(), (scan.lastAppendMillis() - child.startedMillis()) / 1e3,
                (scan.lastAppendMillis() - scan.firstAppendMillis()) / 1e3, cpu, clean, scan.summary(workload.rows()) + more, log.toString());
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

    /** The same JVM for every contender: the heap of the options, G1, and whatever the contender adds (logging, a recording). */
    private List<String> jvmOptions(List<String> extra) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.heap(), "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"));
        jvm.addAll(extra);
        return jvm;
    }

    /** Generous: two minutes plus 2,000 rows a second. */
    private Duration timeout() {
        return Duration.ofSeconds(120 + workload.rows() / 2_000);
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
