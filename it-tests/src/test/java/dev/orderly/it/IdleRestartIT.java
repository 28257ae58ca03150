package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A restart resumes after the last transaction orderly wrote, even when the restarted instance sees
 * no transaction before it stops. Found by {@link CrashSafetyIT}: on connecting, Debezium's MySQL
 * source passes the server's rotate event (position 4) and may send a heartbeat whose offset is the
 * restart offset without its count of events to skip; committed as an idle checkpoint, it made the
 * next restart deliver the last transaction again, under the next seq, so that every later seq moved
 * by one. {@code heartbeat.interval.ms: 1} makes a heartbeat follow every binlog event, and a few idle
 * restarts make one of them come before the source has passed the restart offset.
 */
@ExtendWith(RealServers.class)
class IdleRestartIT {

    private static final int IDLE_RESTARTS = 5;

    @Test
    void anIdleRestartKeepsTheCheckpointAfterTheLastTransaction(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        String db = "idle_restart";
        Path work = RealServers.workDirectory(db);
        DemoScenario scenario = new DemoScenario(mySql, kafka.bootstrapServers(),
                new ScenarioOptions(db, 1, 1, 1, 1, List.of("one_partition"), work.resolve("state")));
        OrderlySettings settings = withHeartbeatOnEveryEvent(scenario.settings("one_partition", 5751));
        DeliveredTopic topic = new DeliveredTopic(scenario, settings, db);
        ChunkedWorkload workload = new ChunkedWorkload(mySql, db, 1, 1).createSchema();

        runUntilStopped(settings, () -> workload.write(5));
        Checkpoint afterWrites = topic.checkpoint().orElseThrow();
        List<String> afterIdleRestarts = new ArrayList<>();
        // Whether the heartbeat comes before the source has passed the restart offset is a matter of timing: restart a few times.
        for (int restart = 0; restart < IDLE_RESTARTS; restart++) {
            runUntilStopped(settings, () -> { });
            afterIdleRestarts.add(topic.checkpoint().orElseThrow().position().description());
        }
        runUntilStopped(settings, () -> workload.write(1));

        List<ConsumedRecord> records = topic.read();
        Map<String, Set<Long>> seqsById = records.stream().collect(Collectors.groupingBy(record -> record.txn().id(), TreeMap::new,
                Collectors.mapping(record -> record.txn().seq(), Collectors.toCollection(TreeSet::new))));
        VerificationReport report = topic.verify(records, workload.history());
        System.out.printf("[it] idle restart: checkpoint after the writes %s, after each idle restart %s; %s%n",
                afterWrites.position().description(), afterIdleRestarts, report.summary());
        assertThat(seqsById).as("seq of each source transaction").allSatisfy((id, seqs) -> assertThat(seqs).hasSize(1));
        assertThat(report.violations()).as("violations").isEmpty();
        assertThat(report.transactions()).isEqualTo(workload.transactions());
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Starts the pipeline, waits until it streams and its heartbeats pass, runs the step, lets it settle and stops it gracefully. */
    private static void runUntilStopped(OrderlySettings settings, Step step) throws Exception {
        PipelineRun run = Orderly.pipeline(settings).start();
        try {
            run.streaming().get(2, TimeUnit.MINUTES);
            Thread.sleep(1_000);
            step.run();
            Thread.sleep(1_000);
        } finally {
            run.stop();
        }
        assertThat(run.failure()).isEmpty();
    }

    private static OrderlySettings withHeartbeatOnEveryEvent(OrderlySettings settings) {
        SourceSettings source = settings.source();
        return new OrderlySettings(settings.name(), settings.stateDirectory(), new SourceSettings(source.type(), source.host(), source.port(),
                source.user(), source.password(), source.serverId(), source.include(), Map.of("heartbeat.interval.ms", "1")),
                settings.sink(), settings.partition(), settings.format());
    }
}
