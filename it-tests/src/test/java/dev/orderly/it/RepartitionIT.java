package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.pipeline.PipelineStartException;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.verify.CommittedTransaction;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.OrderVerifier;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.domain.verify.VerifierSettings;
import dev.orderly.ports.StoredRecord;
import dev.orderly.ports.TransactionHeaders;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.workload.BinlogListing;
import dev.orderly.sandbox.workload.SampleWorkload;
import dev.orderly.sandbox.workload.WorkloadOptions;
import dev.orderly.sandbox.workload.WorkloadResult;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * H8 against a real broker: after the hash topic grows from 4 to 8 partitions, orderly refuses to
 * start and writes nothing; with {@code --accept-repartition} it writes an epoch marker to every
 * partition before any record routed with 8 partitions, and each epoch keeps per-key order.
 */
@ExtendWith(RealServers.class)
class RepartitionIT {

    private static final String DB = "repartition_mysql";

    @Test
    void aGrownTopicIsRefusedUntilAcceptedAndThenANewEpochIsMarkedInEveryPartition(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        DemoScenario scenario = new DemoScenario(mySql, kafka.bootstrapServers(),
                new ScenarioOptions(DB, 4, 1_000, 3, 4, List.of("hash"), RealServers.workDirectory("repartition")));
        OrderlySettings settings = scenario.settings("hash", 6101);
        mySql.execute(WorkloadSchema.ddl(DB).toArray(String[]::new));

        PipelineRun first = Orderly.pipeline(settings).start();
        first.streaming().get(2, TimeUnit.MINUTES);
        WorkloadResult before = workload(mySql, "a");
        awaitAcknowledged(first, before.transactions());
        first.stop();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createPartitions(Map.of(settings.sink().topic(), NewPartitions.increaseTo(8))).all().get(1, TimeUnit.MINUTES);
        }
        int recordsBefore = Orderly.topicReader(kafka.bootstrapServers()).readAll(settings.sink().topic()).size();
        assertThatThrownBy(() -> Orderly.pipeline(settings).start()).isInstanceOf(PipelineStartException.class)
                .hasMessageContaining("has 8 partitions, but the checkpoint's records were routed with 4")
                .hasMessageContaining("--accept-repartition");
        assertThat(Orderly.topicReader(kafka.bootstrapServers()).readAll(settings.sink().topic())).hasSize(recordsBefore);

        PipelineRun second = Orderly.pipeline(settings).start(true);
        second.streaming().get(2, TimeUnit.MINUTES);
        WorkloadResult after = workload(mySql, "b");
        awaitAcknowledged(second, before.transactions() + after.transactions());
        second.stop();

        List<StoredRecord> stored = Orderly.topicReader(kafka.bootstrapServers()).readAll(settings.sink().topic());
        for (int partition = 0; partition < 8; partition++) {
            int p = partition;
            // Watermarks go to every partition in both epochs; this test is about the epoch marker and the records around it.
            List<StoredRecord> ofPartition = stored.stream().filter(record -> record.partition() == p && !isWatermark(record)).toList();
            int marker = indexOfMarker(ofPartition);
            assertThat(marker).as("partition %d has the epoch marker", partition).isNotNegative();
            assertThat(ofPartition.subList(0, marker)).as("partition %d: epoch 0 before the marker", partition)
                    .allSatisfy(record -> assertThat(seq(record)).isLessThanOrEqualTo(before.transactions()));
            assertThat(ofPartition.subList(marker + 1, ofPartition.size())).as("partition %d: epoch 1 after the marker", partition)
                    .allSatisfy(record -> assertThat(seq(record)).isGreaterThan(before.transactions()));
        }

        List<ConsumedRecord> records = scenario.readBack(settings);
        List<ConsumedRecord> epochZero = records.stream().filter(record -> record.txn().seq() <= before.transactions()).toList();
        List<ConsumedRecord> epochOne = records.stream().filter(record -> record.txn().seq() > before.transactions()).toList();
        assertEpochClean(epochZero, 4, history(mySql, before.journal()), "epoch 0");
        assertEpochClean(epochOne, 8, history(mySql, after.journal()), "epoch 1");
        assertThat(scenario.replayProblems(records)).isEmpty();
    }

    private static void assertEpochClean(List<ConsumedRecord> records, int partitionCount, List<CommittedTransaction> history, String epoch) {
        VerificationReport report = OrderVerifier.verify(records, new VerifierSettings(OrderingGuarantee.PER_KEY, partitionCount,
                WorkloadSchema.shardingColumns(DB), WorkloadSchema.identityColumns(DB)), Optional.of(history));
        System.out.printf("[it] repartition %s: %s%n", epoch, report.summary());
        assertThat(report.violations()).as(epoch).isEmpty();
    }

    private static List<CommittedTransaction> history(EmbeddedMySql mySql, Map<String, CommittedTransaction> journal) throws Exception {
        List<String> tags = BinlogListing.tagsInCommitOrder(mySql.jdbcUrl(DB), mySql.adminUser(), mySql.adminPassword(), DB).stream()
                .filter(journal::containsKey).toList();
        return BinlogListing.committedHistory(journal, tags);
    }

    private static boolean isWatermark(StoredRecord record) {
        byte[] marker = record.headers().get(TransactionHeaders.MARKER);
        return marker != null && new String(marker, StandardCharsets.UTF_8).equals("watermark");
    }

    private static int indexOfMarker(List<StoredRecord> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).headers().containsKey(TransactionHeaders.MARKER)) {
                assertThat(new String(records.get(i).headers().get(TransactionHeaders.EPOCH), StandardCharsets.UTF_8)).isEqualTo("1");
                return i;
            }
        }
        return -1;
    }

    private static long seq(StoredRecord record) {
        return Long.parseLong(new String(record.headers().get(TransactionHeaders.SEQ), StandardCharsets.UTF_8));
    }

    private static WorkloadResult workload(EmbeddedMySql mySql, String label) throws InterruptedException {
        return new SampleWorkload(new WorkloadOptions(DB, 4, 1_000, label.hashCode(), 5, label), mySql.jdbcUrl(DB), mySql.adminUser(),
                mySql.adminPassword()).run();
    }

    private static void awaitAcknowledged(PipelineRun run, long transactions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (run.progress().acknowledgedSeq() < transactions) {
            assertThat(run.failure()).isEmpty();
            assertThat(System.nanoTime()).as("acknowledged %s of %d", run.progress(), transactions).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
