package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.app.demo.StreamedWorkload;
import dev.orderly.app.pipeline.PipelineFailedException;
import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.verify.CommittedTransaction;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.OrderVerifier;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.domain.verify.VerifierSettings;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.workload.BinlogListing;
import dev.orderly.sandbox.workload.SampleWorkload;
import dev.orderly.sandbox.workload.WorkloadOptions;
import dev.orderly.sandbox.workload.WorkloadResult;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * D2, exactly-once: records and the checkpoint are committed in one Kafka transaction, so a
 * {@code read_committed} consumer sees every committed change once, in order; and a second instance
 * with the same pipeline name fences the first, which cannot write any more.
 */
@ExtendWith(RealServers.class)
class ExactlyOnceIT {

    @Test
    void aReadCommittedConsumerSeesEveryChangeExactlyOnceInBothModes(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        ScenarioOptions options = new ScenarioOptions("eos_mysql", 8, 8_000, 21, 8, List.of("one_partition", "hash"), RealServers.workDirectory("eos"));
        DemoScenario scenario = new DemoScenario(mySql, kafka.bootstrapServers(), options);
        Map<String, OrderlySettings> pipelines = new LinkedHashMap<>();
        pipelines.put("one_partition", ExactlyOncePipelines.exactlyOnce(scenario.settings("one_partition", 5701), "eos-one"));
        pipelines.put("hash", ExactlyOncePipelines.exactlyOnce(scenario.settings("hash", 5702), "eos-hash"));

        StreamedWorkload streamed = scenario.stream(pipelines);

        for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
            List<ConsumedRecord> records = scenario.readBack(pipeline.getValue());
            boolean total = pipeline.getKey().equals("one_partition");
            VerificationReport report = OrderVerifier.verify(records, verifierSettings("eos_mysql", total, streamed.partitionCounts().get(pipeline.getKey())),
                    Optional.of(streamed.history()));
            System.out.printf("[it] exactly-once %s: %s%n", pipeline.getKey(), report.summary());
            assertThat(report.violations()).as("%s violations", pipeline.getKey()).isEmpty();
            assertThat(report.transactions()).isEqualTo(streamed.workload().transactions());
            assertThat(scenario.replayProblems(records)).isEmpty();
        }
    }

    @Test
    void aSecondInstanceWithTheSamePipelineNameFencesTheFirst(EmbeddedMariaDb mariaDb, EmbeddedKafka kafka) throws Exception {
        String db = "fence_mariadb";
        ScenarioOptions options = new ScenarioOptions(db, 4, 1_500, 5, 4, List.of("hash"), RealServers.workDirectory("fence"));
        DemoScenario scenario = new DemoScenario(mariaDb, kafka.bootstrapServers(), options);
        OrderlySettings first = ExactlyOncePipelines.exactlyOnce(scenario.settings("hash", 5801), "fence-hash");
        OrderlySettings second = withServerId(first, 5802);
        mariaDb.execute(WorkloadSchema.ddl(db).toArray(String[]::new));

        PipelineRun fenced = Orderly.pipeline(first).start();
        fenced.streaming().get(2, TimeUnit.MINUTES);
        WorkloadResult before = workload(mariaDb, db, "a");
        awaitCommitted(fenced, before.transactions());

        PipelineRun successor = Orderly.pipeline(second).start();
        successor.streaming().get(2, TimeUnit.MINUTES);
        WorkloadResult after = workload(mariaDb, db, "b");

        assertThatThrownBy(fenced::awaitTermination).isInstanceOf(PipelineFailedException.class)
                .hasMessageContaining("another orderly instance with the same pipeline name took over");
        awaitCommitted(successor, before.transactions() + after.transactions());
        successor.stop();

        Map<String, CommittedTransaction> journal = new HashMap<>(before.journal());
        journal.putAll(after.journal());
        List<CommittedTransaction> history = BinlogListing.committedHistory(journal,
                BinlogListing.tagsInCommitOrder(mariaDb.jdbcUrl(db), mariaDb.adminUser(), mariaDb.adminPassword(), db));
        List<ConsumedRecord> records = scenario.readBack(first);
        VerificationReport report = OrderVerifier.verify(records, verifierSettings(db, false, 4), Optional.of(history));
        System.out.printf("[it] fencing: %s%n", report.summary());
        assertThat(report.violations()).as("the fenced instance wrote nothing that a read_committed consumer sees twice").isEmpty();
        assertThat(report.transactions()).isEqualTo(history.size());
        assertThat(scenario.replayProblems(records)).isEmpty();
    }

    private static WorkloadResult workload(EmbeddedMariaDb mariaDb, String db, String label) throws InterruptedException {
        return new SampleWorkload(new WorkloadOptions(db, 4, 1_500, label.hashCode(), 5, label), mariaDb.jdbcUrl(db), mariaDb.adminUser(),
                mariaDb.adminPassword()).run();
    }

    private static void awaitCommitted(PipelineRun run, long transactions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (run.progress().committedSeq() < transactions) {
            assertThat(run.failure()).as("pipeline failure").isEmpty();
            assertThat(System.nanoTime()).as("committed %s of %d transactions in time", run.progress(), transactions).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The same pipeline on the same host (it shares the state directory, where the schema history is), as its own replica. */
    private static OrderlySettings withServerId(OrderlySettings settings, long serverId) {
        SourceSettings source = settings.source();
        return new OrderlySettings(settings.name(), settings.stateDirectory(),
                new SourceSettings(source.type(), source.host(), source.port(), source.user(), source.password(), serverId, source.include(),
                        source.connectorProperties()),
                settings.sink(), settings.partition(), settings.format(), settings.pluginDirectory());
    }

    private static VerifierSettings verifierSettings(String db, boolean total, int partitionCount) {
        return new VerifierSettings(total ? OrderingGuarantee.TOTAL : OrderingGuarantee.PER_KEY, partitionCount, WorkloadSchema.shardingColumns(db),
                WorkloadSchema.identityColumns(db));
    }
}
