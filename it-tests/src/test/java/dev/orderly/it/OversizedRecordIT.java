package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.TransactionHeaders;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.OversizedPolicy;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A row larger than the topic's {@code max.message.bytes} (here 20,000 bytes): {@code sink.oversized: fail}
 * stops orderly with exit code 1, naming table, key and size, with the committed position before the
 * row's transaction and nothing of that transaction written; {@code key-only} writes the row's key
 * columns in its place and goes on, in order.
 */
@ExtendWith(RealServers.class)
class OversizedRecordIT {

    private static final String DB = "oversized_it";
    private static final TableId DOCS = new TableId(DB, "docs");
    private static final int TOPIC_LIMIT = 20_000;

    @BeforeAll
    static void createTable(EmbeddedMySql mySql) {
        mySql.execute("CREATE DATABASE IF NOT EXISTS " + DB,
                "CREATE TABLE IF NOT EXISTS " + DOCS + " (id INT PRIMARY KEY, owner INT NOT NULL, body LONGTEXT NOT NULL)");
    }

    @Test
    void failStopsBeforeTheOversizedTransactionNamingTableKeyAndSize(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        String topic = "oversized-fail";
        OrderlySettings settings = settings(mySql, kafka, topic, OversizedPolicy.FAIL, 5901);
        createTopic(kafka, topic);
        Path work = RealServers.workDirectory(topic);
        try (OrderlyProcess orderly = OrderlyProcess.start(OrderlyConfigFile.write(settings, work.resolve("orderly.yaml")), work.resolve("orderly.log"))) {
            orderly.awaitStreaming(Duration.ofMinutes(2));
            mySql.execute("INSERT INTO " + DOCS + " VALUES (101, 1, 'small'), (102, 1, 'small')");
            Checkpoint before = awaitCheckpoint(settings, orderly);

            mySql.execute("INSERT INTO " + DOCS + " VALUES (103, 1, 'small'), (104, 2, REPEAT('x', 100000))");

            assertThat(orderly.waitFor(Duration.ofSeconds(60))).as("exit code" + orderly.logTail()).isEqualTo(1);
            assertThat(orderly.log())
                    .contains("a INSERT of table " + DOCS + " with key [2] in source transaction")
                    .containsPattern("is 1\\d{5} bytes but the largest record topic " + topic + " accepts is " + (TOPIC_LIMIT - 256) + " bytes")
                    .contains("sink.oversized: key-only");
            assertThat(Orderly.offsetStore(settings).load()).hasValueSatisfying(checkpoint -> assertThat(checkpoint.seq()).isEqualTo(before.seq()));
            assertThat(read(kafka, topic, 2)).extracting(OversizedRecordIT::id).containsExactlyInAnyOrder("101", "102");
        }
    }

    @Test
    void keyOnlyWritesTheKeyColumnsInPlaceAndGoesOnInOrder(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        String topic = "oversized-key-only";
        OrderlySettings settings = settings(mySql, kafka, topic, OversizedPolicy.KEY_ONLY, 5902);
        createTopic(kafka, topic);
        Path work = RealServers.workDirectory(topic);
        try (OrderlyProcess orderly = OrderlyProcess.start(OrderlyConfigFile.write(settings, work.resolve("orderly.yaml")), work.resolve("orderly.log"))) {
            orderly.awaitStreaming(Duration.ofMinutes(2));
            awaitCheckpointAfter(mySql, settings, orderly);

            mySql.execute("BEGIN", "INSERT INTO " + DOCS + " VALUES (201, 3, 'small')", "INSERT INTO " + DOCS + " VALUES (202, 3, REPEAT('y', 100000))",
                    "INSERT INTO " + DOCS + " VALUES (203, 3, 'small')", "COMMIT");
            // The update's before image still holds the large body, so it is written key-only too; the next one is whole again.
            mySql.execute("UPDATE " + DOCS + " SET body = 'shrunk' WHERE id = 202");
            mySql.execute("UPDATE " + DOCS + " SET body = 'tiny' WHERE id = 202");

            List<ConsumerRecord<byte[], byte[]>> records = read(kafka, topic, 5);
            ConsumerRecord<byte[], byte[]> oversized = records.stream().filter(record -> id(record).equals("202")).findFirst().orElseThrow();
            String value = new String(oversized.value(), StandardCharsets.UTF_8);
            assertThat(value).contains("\"id\":202", "\"owner\":3").doesNotContain("body").doesNotContain("yyyy");
            assertThat(Integer.parseInt(header(oversized, TransactionHeaders.OVERSIZED))).isGreaterThan(100_000);
            assertThat(header(oversized, TransactionHeaders.INDEX)).isEqualTo("1");
            assertThat(header(oversized, TransactionHeaders.COUNT)).isEqualTo("3");
            List<ConsumerRecord<byte[], byte[]>> ofRow202 = records.stream().filter(record -> id(record).equals("202")).toList();
            assertThat(ofRow202).hasSize(3);
            assertThat(ofRow202).extracting(ConsumerRecord::partition).containsOnly(oversized.partition());
            assertThat(ofRow202).extracting(ConsumerRecord::offset).isSorted();
            assertThat(header(ofRow202.get(1), TransactionHeaders.OVERSIZED)).isNotNull();
            assertThat(new String(ofRow202.get(2).value(), StandardCharsets.UTF_8)).contains("shrunk", "tiny");
            assertThat(header(ofRow202.get(2), TransactionHeaders.OVERSIZED)).isNull();
            assertThat(orderly.log()).contains("written with its key columns [owner, id] only");

            orderly.terminate();
            assertThat(orderly.waitFor(Duration.ofSeconds(30))).as("exit code" + orderly.logTail()).isZero();
        }
    }

    /** Writes a first row and waits for the checkpoint after it, so that everything written later is sure to be read. */
    private static void awaitCheckpointAfter(EmbeddedMySql mySql, OrderlySettings settings, OrderlyProcess orderly) throws InterruptedException {
        mySql.execute("INSERT INTO " + DOCS + " VALUES (" + (settings.source().serverId() * 100) + ", 9, 'first')");
        awaitCheckpoint(settings, orderly);
    }

    private static Checkpoint awaitCheckpoint(OrderlySettings settings, OrderlyProcess orderly) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Optional<Checkpoint> checkpoint = Orderly.offsetStore(settings).load();
            if (checkpoint.isPresent() && checkpoint.get().seq() > 0) {
                return checkpoint.get();
            }
            if (System.nanoTime() > deadline || !orderly.isAlive()) {
                throw new AssertionError("no checkpoint within 60 s" + orderly.logTail());
            }
            Thread.sleep(100);
        }
    }

    private static OrderlySettings settings(EmbeddedMySql mySql, EmbeddedKafka kafka, String topic, OversizedPolicy policy, int serverId) {
        return new OrderlySettings(topic, RealServers.workDirectory(topic + "-state"),
                new SourceSettings(SourceType.MYSQL, mySql.host(), mySql.port(), mySql.cdcUser(), mySql.cdcPassword(), serverId, List.of(DOCS), Map.of()),
                new SinkSettings(kafka.bootstrapServers(), topic, 4, DeliveryMode.AT_LEAST_ONCE, Map.of(), SinkSettings.DEFAULT_OUTAGE_TIMEOUT,
                        SinkSettings.DEFAULT_OFFSETS_TOPIC, SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS, policy),
                new PartitionSettings("hash", Map.of(DOCS, List.of("owner")), NoKeyPolicy.FAIL), "json");
    }

    private static void createTopic(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1).configs(Map.of("max.message.bytes", Integer.toString(TOPIC_LIMIT))))).all().get();
        }
    }

    /** Every row record of the topic, waiting until there are at least {@code atLeast}; in partition, then offset order. */
    private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafka kafka, String topic, int atLeast) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> rows = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (rows.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.headers().lastHeader(TransactionHeaders.MARKER) == null && !id(record).startsWith("59")) {
                        rows.add(record);
                    }
                });
            }
            rows.sort(java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
            return rows;
        }
    }

    /** The row's id, read from the json value. */
    private static String id(ConsumerRecord<byte[], byte[]> record) {
        String value = new String(record.value(), StandardCharsets.UTF_8);
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(value);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
