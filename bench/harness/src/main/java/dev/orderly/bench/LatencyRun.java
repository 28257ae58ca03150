package dev.orderly.bench;

import static dev.orderly.bench.Figures.figure;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latency benchmark of issue 7, on the small backlog's servers after its runs. Each contender
 * starts fresh at the current end of the binlog ({@link WorkloadSession#startFresh}); probe rows, one
 * every {@link #PROBE_INTERVAL}, show when it delivers; then the fixed-rate load runs
 * ({@link FixedRateLoad}); once every row is in its topic the contender stops (orderly is verified) and
 * the topic is scanned: the usual order checks over the probe rows it delivered and the load, and the
 * broker's append time of each row of the measured window, whose latency is append time minus commit
 * time.
 */
final class LatencyRun {

    /** The contenders a latency run knows: orderly at-least-once and the peer, on 1 and N partitions. */
    static final List<Contender> ALLOWED = List.of(Contender.ORDERLY_ONE, Contender.ORDERLY_HASH, Contender.PEER_ONE, Contender.PEER_N);
    static final int FALLBACK_RATE = 10_000;
    /**
     * The load's share of orderly's backlog drain rate. Draining a backlog, orderly has the two cores to
     * itself and the broker; under a live load the database's writes share them, and at half the drain
     * rate every contender fell behind (trials of 2026-11-25, docs/BENCHMARKS.md). A quarter of the drain
     * rate is about half of what orderly sustains while the writes run beside it.
     */
    static final int DRAIN_RATE_DIVISOR = 4;

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final Duration PROBE_SETTLE = Duration.ofSeconds(30);

    private final WorkloadSession session;
    private final FixedRateLoad load;

    private LatencyRun(WorkloadSession session, FixedRateLoad load) {
        this.session = session;
        this.load = load;
    }

    /**
     * Runs every latency contender of the options once, in their order.
     *
     * @param hashSteadyRowsPerSecond the median steady rows/s of orderly hash at-least-once on this backlog, if measured
     */
    static LatencyResults phase(WorkloadSession session, HarnessOptions options, Optional<Double> hashSteadyRowsPerSecond) {
        long started = System.nanoTime();
        int rate;
        String why;
        if (options.latencyRate() > 0) {
            rate = (int) options.latencyRate();
            why = "asked with --latency-rate";
        } else if (hashSteadyRowsPerSecond.filter(Double::isFinite).isPresent()) {
            rate = (int) Math.max(1_000, Math.floor(hashSteadyRowsPerSecond.get() / DRAIN_RATE_DIVISOR / 1_000) * 1_000);
            why = String.format("a quarter of orderly hash at-least-once's median steady rate draining the %s backlog (%,.0f rows/s), rounded down"
                    + " to a multiple of 1,000: about half of what it sustains while the writes share the cores", session.workload().name(),
                    hashSteadyRowsPerSecond.get());
        } else {
            rate = FALLBACK_RATE;
            why = "the fallback: orderly hash at-least-once has no valid run on the " + session.workload().name() + " backlog to take a quarter of";
        }
        FixedRateLoad load = new FixedRateLoad(rate, options.latencyRowsPerTransaction(), options.latencyWarmupSeconds(), options.latencySeconds());
        String settings = session.sharedDeliverySettings();
        Harness.log("latency: %,d rows/s in transactions of %d rows, %d s warm-up + %d s measured; rate: %s; %s", rate, load.rowsPerTransaction(),
                load.warmupSeconds(), load.seconds(), why, settings);
        LatencyRun runner = new LatencyRun(session, load);
        List<LatencyMeasurement> runs = new ArrayList<>();
        for (Contender contender : options.latencyContenders()) {
            long runStarted = System.nanoTime();
            LatencyMeasurement run = runner.run(contender);
            runs.add(run);
            Harness.log("  latency %-45s %,7.0f of %,d rows/s, %,d rows: p50 %s, p99 %s, p99.9 %s, max %s ms; %.1f s; %s",
                    contender.label(options.partitions()), run.achievedRate(), rate, run.rows(), figure(run.p50Millis()), figure(run.p99Millis()),
                    figure(run.p999Millis()), figure(run.maxMillis()), (System.nanoTime() - runStarted) / 1e9,
                    run.valid() ? "valid" : "INVALID: " + run.check());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Harness.log("  latency phase took %.1f s", seconds);
        return new LatencyResults(load, why, settings, runs, seconds, options.partitions());
    }

    /** One contender's run; never throws for a failed run, which comes back invalid. */
    private LatencyMeasurement run(Contender contender) {
        String name = "latency-" + contender.id();
        Path run = session.runDirectory(name);
        Path log = run.resolve("contender.log");
        String topic = "bench-" + name;
        try (Connection connection = session.connect(); Statement statement = connection.createStatement();
                ChildJvm child = session.startFresh(contender, run, topic, log)) {
            IdRange delivered;
            FixedRateLoad.Committed committed;
            long firstProbe = session.takeIds(1).first();
            try (TopicTail tail = new TopicTail(session.bootstrapServers(), topic, firstProbe)) {
                long firstDelivered = probe(statement, tail, child, firstProbe);
                committed = load.run(statement, session.rows(), session.takeIds(load.rows()));
                delivered = new IdRange(firstDelivered, committed.ids().last());
                tail.awaitAll(delivered, Duration.ofSeconds(60 + load.rows() / 2_000), child);
            }
            WorkloadSession.Stopped stopped = session.stop(contender, child, topic, run);
            LatencyRecorder recorder = new LatencyRecorder(committed);
            TopicScan scan = session.scanAndDelete(topic, delivered, recorder);
            String probes = String.format("; the topic holds %d probe row(s) from id %d, then the load %s", committed.ids().first() - delivered.first(),
                    delivered.first(), committed.ids());
            String slowest = recorder.worstSeconds(3);
            Harness.log("    slowest seconds of the measured window (from its first commit): %s", slowest);
            return LatencyMeasurement.of(contender, committed, recorder.sortedLatencies(), stopped.cpuSeconds(), scan.clean() && stopped.clean(),
                    scan.summary() + stopped.note() + probes + "; slowest seconds: " + slowest, log.toString());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return LatencyMeasurement.failed(contender, load.rate(), e.toString().lines().findFirst().orElse("") + " (see log)", log.toString());
        }
    }

    /**
     * Inserts one probe row at a time, each its own transaction, until the contender delivers one, and
     * waits for the rest. A contender that started streaming between two probes misses the earlier
     * ones and delivers every later one.
     *
     * @return the lowest probe id delivered: the first id its topic must hold
     */
    private long probe(Statement statement, TopicTail tail, ChildJvm child, long firstProbe) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        long probe = firstProbe;
        StringBuilder sql = new StringBuilder();
        while (true) {
            sql.setLength(0);
            session.rows().appendInsert(sql, probe, 1);
            statement.executeUpdate(sql.toString());
            tail.pollUntilSeen(PROBE_INTERVAL);
            if (tail.seenAny()) {
                break;
            }
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(child + " delivered none of the probe rows " + new IdRange(firstProbe, probe)
                        + (child.isAlive() ? " within " + PROBE_TIMEOUT.toSeconds() + " s" : " before it ended") + child.logTail());
            }
            probe = session.takeIds(1).first();
        }
        tail.awaitAll(new IdRange(tail.lowestSeen(), probe), PROBE_SETTLE, child);
        return tail.lowestSeen();
    }
}
