package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.pipeline.PipelineFailedException;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.workload.WorkloadResult;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka going away while orderly streams: short outages, during which the idempotent producer
 * retries in order and nothing is lost, repeated or reordered; and an outage longer than
 * {@code sink.outage-timeout}, after which orderly stops with a clear error and its checkpoint where
 * Kafka's last acknowledgement left it.
 *
 * <p>The broker is this class's own (in a JVM of its own), since it stops, kills and restarts it;
 * MySQL is the shared one.
 */
@ExtendWith(RealServers.class)
class BrokerFaultIT {

    private static final int PARTITIONS = 8;
    /** Databases prepared for the bounce test's workload phases; it writes as many as the outages take. */
    private static final int MAX_PHASES = 60;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startOwnBroker() {
        long started = System.nanoTime();
        kafka = EmbeddedKafka.start(RealServers.workDirectory("broker-fault-kafka"));
        System.out.printf("[it] own Kafka broker for BrokerFaultIT started in %.1f s on %s%n", seconds(started), kafka.bootstrapServers());
    }

    @AfterAll
    static void stopOwnBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void brokerRestartsWhileStreamingLoseRepeatAndReorderNothing(EmbeddedMySql mySql) throws Exception {
        PhasedWorkload workload = new PhasedWorkload(mySql, kafka.bootstrapServers(), "broker-bounce", MAX_PHASES, PARTITIONS).createSchemas();
        OrderlySettings settings = workload.settings(Duration.ofMinutes(2), 6201);
        PhasedWorkload.Running running = workload.start(settings);
        ExecutorService writers = Executors.newSingleThreadExecutor();
        AtomicBoolean outagesOver = new AtomicBoolean();
        try {
            long started = System.nanoTime();
            // Phases of 8 concurrent writers with a pause between them, until the last outage is over, however long the broker takes:
            // the writers keep going through every outage instead of running far ahead of the pipeline.
            Future<Integer> writing = writers.submit(() -> {
                int phase = 0;
                while (!outagesOver.get()) {
                    if (phase == MAX_PHASES) {
                        throw new IllegalStateException("all " + MAX_PHASES + " phases of the workload were written before the outages were over");
                    }
                    phase++;
                    workload.write(phase, 8, 2_000, 100 + phase);
                    Thread.sleep(1_000);
                }
                return phase;
            });
            Thread.sleep(1_500);
            for (int outage = 1; outage <= 3; outage++) {
                assertThat(writing.isDone()).as("the workload is still writing when outage %d begins", outage).isFalse();
                long acknowledgedBefore = running.run().progress().acknowledgedSeq();
                long down = System.nanoTime();
                // The second outage is a crash: the broker gets no chance to close its logs and write its producer state.
                String how = outage == 2 ? "killed" : "stopped";
                if (outage == 2) {
                    kafka.kill();
                } else {
                    kafka.stop();
                }
                long stopped = System.nanoTime();
                Thread.sleep(1_000L + 1_000L * outage);
                kafka.restart();
                System.out.printf("[it] broker bounce: outage %d at %.1f s: broker %s in %.1f s, away %.1f s in all; acknowledged seq %d before,"
                                + " %d written so far%n", outage, (down - started) / 1e9, how, (stopped - down) / 1e9, seconds(down), acknowledgedBefore,
                        workload.transactionsWritten());
                Thread.sleep(2_000);
            }
            outagesOver.set(true);
            int phases = writing.get(5, TimeUnit.MINUTES);
            long written = System.nanoTime();
            workload.awaitAcknowledged(running);
            System.out.printf("[it] broker bounce: %d phases of 8 writers, %,d transactions in %.1f s; all acknowledged %.1f s after the writers"
                    + " finished%n", phases, workload.transactionsWritten(), (written - started) / 1e9, seconds(written));
        } finally {
            outagesOver.set(true);
            writers.shutdown();
            running.run().stop();
        }
        assertThat(running.run().failure()).as("pipeline failure").isEmpty();

        List<ConsumedRecord> records = workload.readBack(settings);
        VerificationReport report = workload.verify(records);
        System.out.println("[it] broker bounce: " + report.summary());
        assertThat(report.violations()).as("violations, duplicates included").isEmpty();
        assertThat(report.transactions()).isEqualTo(workload.transactionsWritten());
        assertThat(report.partitionsUsed()).hasSize(PARTITIONS);
        assertThat(workload.replayProblems(records)).as("replay").isEmpty();
    }

    @Test
    void aBrokerAwayLongerThanTheOutageTimeoutStopsOrderlyWithItsPositionIntact(EmbeddedMySql mySql) throws Exception {
        Duration outageTimeout = Duration.ofSeconds(5);
        PhasedWorkload workload = new PhasedWorkload(mySql, kafka.bootstrapServers(), "broker-outage", 2, PARTITIONS).createSchemas();
        OrderlySettings settings = workload.settings(outageTimeout, 6202);
        PhasedWorkload.Running running = workload.start(settings);
        Properties before;
        Properties after;
        Throwable failure;
        long down;
        try {
            workload.write(1, 4, 1_000, 41);
            workload.awaitAcknowledged(running);
            awaitCommitted(running, workload.transactionsWritten());
            before = checkpoint(workload.checkpointFile());

            kafka.stop();
            down = System.nanoTime();
            WorkloadResult whileAway = workload.write(2, 2, 500, 42);
            failure = running.terminated().handle((ignored, error) -> error).get(2, TimeUnit.MINUTES);
            System.out.printf("[it] broker outage: %,d transactions written while Kafka was away; orderly stopped %.1f s after the broker%n",
                    whileAway.transactions(), seconds(down));
            after = checkpoint(workload.checkpointFile());
        } finally {
            running.run().stop();
            kafka.restart();
        }
        System.out.println("[it] broker outage: " + failure.getCause().getMessage());
        System.out.println("[it] broker outage: checkpoint before the outage " + before + ", after " + after);

        assertThat(failure.getCause()).isInstanceOf(PipelineFailedException.class);
        assertThat(failure.getCause().getMessage())
                .contains("Kafka did not acknowledge records of topic broker-outage.changes for 5 s (sink.outage-timeout")
                .contains("Check the brokers at " + kafka.bootstrapServers() + ", then restart orderly: it resumes from its committed position.");
        assertThat(seconds(down)).as("seconds from the broker's stop to orderly's").isGreaterThanOrEqualTo(outageTimeout.toSeconds());
        assertThat(after.getProperty("seq")).as("committed seq").isEqualTo(before.getProperty("seq"));
        assertThat(after.getProperty("partition-count")).isEqualTo(before.getProperty("partition-count"));

        // The position never moved past what Kafka had not acknowledged: a restart from it delivers every change written while Kafka was away.
        PhasedWorkload.Running resumed = workload.start(settings);
        try {
            workload.awaitAcknowledged(resumed);
        } finally {
            resumed.run().stop();
        }
        List<ConsumedRecord> records = workload.readBack(settings);
        VerificationReport report = workload.verify(records);
        System.out.println("[it] broker outage: after the restart " + report.summary());
        assertThat(report.violations()).as("violations, duplicates included").isEmpty();
        assertThat(report.transactions()).isEqualTo(workload.transactionsWritten());
        assertThat(workload.replayProblems(records)).as("replay").isEmpty();
    }

    private static void awaitCommitted(PhasedWorkload.Running running, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (running.run().progress().committedSeq() < seq) {
            assertThat(System.nanoTime()).as("commit of seq %d within 30 s", seq).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Properties checkpoint(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        properties.remove("position.token");
        return properties;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
