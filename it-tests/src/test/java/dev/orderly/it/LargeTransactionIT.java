package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.StoredRecord;
import dev.orderly.ports.TransactionHeaders;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bounded memory: one source transaction of 1,000,000 rows streams through orderly running in a JVM
 * with {@code -Xmx256m}, in one_partition, in hash and in exactly-once mode (three processes reading
 * the same transaction), and arrives whole: one seq, every index once, the count on its last part.
 */
@ExtendWith(RealServers.class)
class LargeTransactionIT {

    private static final int ROWS = 1_000_000;
    private static final String DB = "large_mysql";
    private static final TableId ITEMS = new TableId(DB, "items");

    @Test
    void aMillionRowTransactionStreamsThroughA256MegabyteHeapInEveryMode(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        mySql.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
                "CREATE TABLE " + ITEMS + " (id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL, note VARCHAR(40) NOT NULL) ENGINE=InnoDB");
        Path work = RealServers.workDirectory("large");
        Map<String, OrderlySettings> pipelines = new LinkedHashMap<>();
        pipelines.put("one_partition", settings(mySql, kafka, work, "large-one", "one_partition", 1, DeliveryMode.AT_LEAST_ONCE, 5901));
        pipelines.put("hash", settings(mySql, kafka, work, "large-hash", "hash", 8, DeliveryMode.AT_LEAST_ONCE, 5902));
        pipelines.put("hash exactly-once", settings(mySql, kafka, work, "large-eos", "hash", 8, DeliveryMode.EXACTLY_ONCE, 5903));
        Map<String, OrderlyProcess> processes = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
                OrderlySettings settings = pipeline.getValue();
                Path config = OrderlyConfigFile.write(settings, work.resolve(settings.name() + ".yaml"));
                processes.put(pipeline.getKey(), OrderlyProcess.start(config, work.resolve(settings.name() + ".log")));
            }
            for (OrderlyProcess process : processes.values()) {
                process.awaitStreaming(Duration.ofMinutes(2));
            }
            long started = System.nanoTime();
            mySql.execute("SET SESSION cte_max_recursion_depth = " + (ROWS + 1),
                    "INSERT INTO " + ITEMS + " (id, customer_id, note) WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < "
                            + ROWS + ") SELECT n, n % 997, CONCAT('item-', n) FROM seq");
            System.out.printf("[it] large: %,d-row transaction committed in %.1f s%n", ROWS, (System.nanoTime() - started) / 1e9);
            for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
                awaitCommitted(pipeline.getValue(), processes.get(pipeline.getKey()));
                System.out.printf("[it] large %s: the transaction committed in Kafka %.1f s after the commit%n", pipeline.getKey(),
                        (System.nanoTime() - started) / 1e9);
            }
            for (Map.Entry<String, OrderlyProcess> process : processes.entrySet()) {
                process.getValue().terminate();
                assertThat(process.getValue().waitFor(Duration.ofSeconds(60))).as("%s exits 0 after SIGTERM%s", process.getKey(),
                        process.getValue().logTail()).isZero();
                assertThat(process.getValue().log()).as("no OutOfMemoryError in %s", process.getKey()).doesNotContain("OutOfMemoryError");
            }
        } finally {
            for (OrderlyProcess process : processes.values()) {
                process.close();
            }
        }
        for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
            assertArrivedWhole(Orderly.topicReader(kafka.bootstrapServers()).readAll(pipeline.getValue().sink().topic()), pipeline.getKey());
        }
    }

    /** One transaction, every index once, the count on the last part's records only, and per partition in index order. */
    private static void assertArrivedWhole(List<StoredRecord> stored, String mode) {
        // Watermarks (hash) are control records, not part of the transaction.
        List<StoredRecord> records = stored.stream().filter(record -> !RecordHeaders.isControl(record.headers())).toList();
        assertThat(records).as(mode).hasSize(ROWS);
        boolean[] seen = new boolean[ROWS];
        Map<Integer, Integer> lastIndexByPartition = new HashMap<>();
        int counted = 0;
        for (StoredRecord record : records) {
            assertThat(header(record, TransactionHeaders.SEQ)).isEqualTo("1");
            int index = Integer.parseInt(header(record, TransactionHeaders.INDEX));
            assertThat(seen[index]).as("%s index %d twice", mode, index).isFalse();
            seen[index] = true;
            Integer previous = lastIndexByPartition.put(record.partition(), index);
            assertThat(previous == null || previous < index).as("%s partition %d in order at offset %d", mode, record.partition(), record.offset()).isTrue();
            if (record.headers().containsKey(TransactionHeaders.COUNT)) {
                assertThat(header(record, TransactionHeaders.COUNT)).isEqualTo(Integer.toString(ROWS));
                counted++;
            }
        }
        assertThat(counted).as("%s: the last part carries the count", mode).isPositive().isLessThan(ROWS);
        System.out.printf("[it] large %s: %,d records, one transaction, %,d records of the last part carry the count, %d partitions%n", mode,
                records.size(), counted, lastIndexByPartition.size());
    }

    private static String header(StoredRecord record, String name) {
        return new String(record.headers().get(name), StandardCharsets.UTF_8);
    }

    /** Waits until the pipeline's checkpoint passed the transaction: every record of it is in Kafka for good. */
    private static void awaitCommitted(OrderlySettings settings, OrderlyProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (Orderly.offsetStore(settings).load().map(Checkpoint::seq).orElse(0L) < 1) {
            assertThat(process.isAlive()).as("orderly for %s is alive%s", settings.name(), process.logTail()).isTrue();
            assertThat(System.nanoTime()).as("%s committed the transaction in time", settings.name()).isLessThan(deadline);
            Thread.sleep(1_000);
        }
    }

    private static OrderlySettings settings(EmbeddedMySql mySql, EmbeddedKafka kafka, Path work, String name, String mode, int partitions,
                                            DeliveryMode delivery, long serverId) {
        return new OrderlySettings(name, work.resolve(name),
                new SourceSettings(SourceType.MYSQL, mySql.host(), mySql.port(), mySql.cdcUser(), mySql.cdcPassword(), serverId, List.of(ITEMS), Map.of()),
                new SinkSettings(kafka.bootstrapServers(), name + ".changes", partitions, delivery, Map.of()),
                new PartitionSettings(mode, Map.of(), NoKeyPolicy.FAIL), "json", Optional.empty());
    }
}
