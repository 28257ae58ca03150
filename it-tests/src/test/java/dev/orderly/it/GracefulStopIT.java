package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code orderly run} in a process of its own stops gracefully on SIGTERM and on SIGINT (Ctrl-C):
 * it stops the source, waits for Kafka's acknowledgements, commits, logs the committed position and
 * exits 0; a restart resumes from that position, so nothing is lost, reordered or sent twice. A stop
 * that cannot finish (the broker frozen) ends after {@code --stop-timeout} with exit code 1.
 */
@ExtendWith(RealServers.class)
class GracefulStopIT {

    private static final Duration STREAMING_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final Pattern COMMITTED = Pattern.compile("Pipeline stopped; committed seq (\\d+) at (\\S.*)");

    @Test
    void sigtermAndSigintStopWithExitCodeZeroAndARestartResumesWhereTheStopCommitted(EmbeddedMySql mySql, EmbeddedKafka kafka)
            throws Exception {
        String db = "graceful_mysql";
        Path work = RealServers.workDirectory(db);
        DemoScenario scenario = new DemoScenario(mySql, kafka.bootstrapServers(),
                new ScenarioOptions(db, 4, 1, 3, 1, List.of("one_partition"), work.resolve("state")));
        OrderlySettings settings = scenario.settings("one_partition", 5701);
        Path config = OrderlyConfigFile.write(settings, work.resolve("orderly.yaml"));
        DeliveredTopic topic = new DeliveredTopic(scenario, settings, db);
        ChunkedWorkload workload = new ChunkedWorkload(mySql, db, 4, 3).createSchema();

        OrderlyProcess first = OrderlyProcess.start(config, work.resolve("orderly-1.log"));
        Duration startup = first.awaitStreaming(STREAMING_TIMEOUT);
        topic.awaitCheckpoint(Duration.ofSeconds(30), first);
        // SIGTERM while the writers write: orderly has records in flight, and changes go on being committed while it is down.
        CompletableFuture<Void> partOne = runAsync(() -> workload.writeSpread(4_000, 500, Duration.ofMillis(200)));
        Thread.sleep(1_500);
        long signalled = System.nanoTime();
        first.terminate();
        int exit = first.waitFor(STOP_LIMIT);
        double stopSeconds = seconds(signalled);

        assertThat(exit).as("exit code after SIGTERM" + first.logTail()).isZero();
        Matcher committed = COMMITTED.matcher(first.log());
        assertThat(committed.find()).as("the log names the committed position" + first.logTail()).isTrue();
        long committedSeq = Long.parseLong(committed.group(1));
        assertThat(first.log()).contains("SIGTERM received: stopping gracefully")
                .contains("orderly stopped gracefully (SIGTERM, in ").contains("the checkpoint is at seq " + committedSeq);
        Checkpoint checkpoint = topic.checkpoint().orElseThrow();
        assertThat(checkpoint.seq()).as("checkpoint after the stop").isEqualTo(committedSeq);
        assertThat(committed.group(2)).isEqualTo(checkpoint.position().description());
        List<ConsumedRecord> afterStop = topic.read();
        assertThat(committedSeq).as("committed seq").isPositive();
        // Everything sent was acknowledged and committed: the topic ends exactly at the committed transaction.
        assertThat(DeliveredTopic.distinctTransactions(afterStop)).isEqualTo(committedSeq);
        assertThat(afterStop.stream().mapToLong(record -> record.txn().seq()).max().orElse(0)).isEqualTo(committedSeq);

        OrderlyProcess second = OrderlyProcess.start(config, work.resolve("orderly-2.log"));
        second.awaitStreaming(STREAMING_TIMEOUT);
        assertThat(second.log()).contains("resuming after seq " + committedSeq);
        partOne.get(2, TimeUnit.MINUTES);
        workload.write(2_000);
        List<ConsumedRecord> caughtUp = topic.awaitTransactions(workload.transactions(), Duration.ofMinutes(2), second);
        second.interrupt();
        int secondExit = second.waitFor(STOP_LIMIT);

        assertThat(secondExit).as("exit code after SIGINT" + second.logTail()).isZero();
        assertThat(second.log()).contains("SIGINT received: stopping gracefully").containsPattern(COMMITTED.pattern());
        List<ConsumedRecord> records = topic.read();
        VerificationReport report = topic.verify(records, workload.history());
        System.out.printf("[it] graceful stop: streaming %.1f s after start; SIGTERM to exit 0 in %.2f s, committed seq %d of %d"
                        + " transactions written by then; after the restart and SIGINT: %s%n",
                startup.toMillis() / 1000.0, stopSeconds, committedSeq, workload.transactions(), report.summary());
        assertThat(report.violations()).as("violations").isEmpty();
        assertThat(report.transactions()).isEqualTo(workload.transactions());
        assertThat(report.replayedRecords()).as("a graceful stop leaves nothing to replay").isZero();
        assertThat(records).hasSameSizeAs(caughtUp);
        assertThat(topic.replayProblems(records)).as("replay").isEmpty();
    }

    @Test
    void aStopThatCannotFinishEndsWithExitCodeOneAfterTheStopTimeout(EmbeddedMySql mySql) throws Exception {
        String db = "graceful_frozen";
        Path work = RealServers.workDirectory(db);
        // A broker of this test's own: it is frozen (SIGSTOP) so that Kafka never acknowledges.
        try (EmbeddedKafka frozen = EmbeddedKafka.start(work.resolve("kafka"))) {
            DemoScenario scenario = new DemoScenario(mySql, frozen.bootstrapServers(),
                    new ScenarioOptions(db, 2, 1, 5, 1, List.of("one_partition"), work.resolve("state")));
            OrderlySettings settings = scenario.settings("one_partition", 5702);
            Path config = OrderlyConfigFile.write(settings, work.resolve("orderly.yaml"));
            ChunkedWorkload workload = new ChunkedWorkload(mySql, db, 2, 5).createSchema();
            try (OrderlyProcess orderly = OrderlyProcess.start(config, work.resolve("orderly.log"), OrderlyProcess.DEFAULT_JVM_OPTIONS,
                    "--stop-timeout", "5")) {
                orderly.awaitStreaming(STREAMING_TIMEOUT);
                new DeliveredTopic(scenario, settings, db).awaitCheckpoint(Duration.ofSeconds(30), orderly);
                signal("STOP", brokerPid(work.resolve("kafka")));
                workload.write(200);
                Thread.sleep(2_000);
                assertThat(orderly.isAlive()).as("orderly runs before the SIGTERM" + orderly.logTail()).isTrue();

                long signalled = System.nanoTime();
                orderly.terminate();
                int exit = orderly.waitFor(Duration.ofSeconds(40));
                double stopSeconds = seconds(signalled);

                System.out.printf("[it] stuck stop: exit code %d %.1f s after SIGTERM%n", exit, stopSeconds);
                assertThat(exit).as("exit code" + orderly.logTail()).isEqualTo(1);
                assertThat(stopSeconds).as("seconds from SIGTERM to exit" + orderly.logTail()).isBetween(4.5, 15.0);
                assertThat(orderly.log()).contains("SIGTERM received: stopping gracefully")
                        .contains("orderly could not stop gracefully within 5 s of SIGTERM; exiting with code 1");
            } finally {
                frozen.kill();
            }
        }
    }

    /** The pid of the broker JVM that runs from {@code directory} (its argument file lies there). */
    private static long brokerPid(Path directory) {
        String argumentFile = "@" + directory.toAbsolutePath().normalize().resolve("jvm.args");
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(argumentFile))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no broker process with " + argumentFile))
                .pid();
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -s %s %d", name, pid).isTrue();
    }

    private interface Work {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> runAsync(Work work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Exception | Error e) {
                done.completeExceptionally(e);
            }
        }, "graceful-stop-workload");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
