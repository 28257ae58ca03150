package dev.orderly.app.cli;

import dev.orderly.app.pipeline.PipelineRun;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a graceful stop of {@code orderly run} that ends with exit
 * code 0. Left to the JVM, a SIGTERM starts its shutdown at once and the process exits with 143,
 * whatever the shutdown hooks do; so the signals are taken over: a signal only starts
 * {@link PipelineRun#stop()} on a thread of its own (stop the source, wait for Kafka's
 * acknowledgements, commit), and the command's thread, which waits for the pipeline, returns
 * normally once that stop is done.
 *
 * <p>A watchdog bounds the stop: if the process still runs {@code limit} after the first signal, it
 * logs why and halts with exit code 1. The checkpoint committed last stays valid; a restart resumes
 * from it and may repeat what was sent since (at-least-once, D1). Further signals while stopping are
 * only logged.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}, exported to every class path
 * application) is the only JDK API that replaces the JVM's handling of a signal. Where a signal
 * cannot be taken over (a JVM started with {@code -Xrs}), the shutdown hook of {@link RunCommand}
 * still stops the pipeline, with the JVM's exit code.
 */
final class GracefulStop {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    /** The first signal and when it came. */
    private record Request(String signal, long atNanos) {
    }

    private final Duration limit;
    private final CompletableFuture<Request> requested = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private GracefulStop(Duration limit) {
        this.limit = limit;
    }

    /** Takes over SIGTERM and SIGINT from now on; a signal before {@link #stopsOnRequest} stops the pipeline as soon as it is given. */
    static GracefulStop onSignals(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the stop limit must be positive but got " + limit);
        }
        GracefulStop stop = new GracefulStop(limit);
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> stop.request("SIG" + signal.getName()));
            } catch (IllegalArgumentException e) {
                LOG.warn("Cannot take over SIG{} ({}); it stops orderly through the JVM's shutdown hook, with the JVM's exit code",
                        name, e.getMessage());
            }
        }
        return stop;
    }

    /** Stops {@code run} on a thread of its own once a signal asks for it; at once if one already did. */
    void stopsOnRequest(PipelineRun run) {
        requested.thenRun(() -> {
            Thread stopper = new Thread(() -> {
                try {
                    run.stop();
                } finally {
                    stopped.complete(null);
                }
            }, "orderly-graceful-stop");
            stopper.start();
        });
    }

    /** Waits until the stop a signal started has finished; returns at once if no signal came. */
    void awaitStopped() {
        if (requested.isDone()) {
            stopped.join();
        }
    }

    /** What stopped the pipeline, for the final log line: the signal and how long the stop took. */
    String describe() {
        Request request = requested.getNow(null);
        return request == null ? "the source stopped" : "%s, in %.1f s".formatted(request.signal(), (System.nanoTime() - request.atNanos()) / 1e9);
    }

    private void request(String signal) {
        if (!requested.complete(new Request(signal, System.nanoTime()))) {
            LOG.info("{} received; orderly is already stopping", signal);
            return;
        }
        LOG.info("{} received: stopping gracefully (stop the source, wait for Kafka's acknowledgements, commit) within {} s",
                signal, limit.toSeconds());
        Thread watchdog = new Thread(this::watch, "orderly-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Halts the JVM with exit code 1 if it still runs {@link #limit} after the signal; as a daemon it dies with a normal exit. */
    private void watch() {
        try {
            Thread.sleep(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String what = stopped.isDone() ? "stopped the pipeline but the JVM did not exit" : "could not stop gracefully";
        LOG.error("orderly {} within {} s of {}; exiting with code {}. The last committed checkpoint is intact: a restart resumes from it"
                + " and may send again what was sent after it (at-least-once)", what, limit.toSeconds(), requested.join().signal(),
                ExitCodes.FAILED);
        System.err.flush();
        Runtime.getRuntime().halt(ExitCodes.FAILED);
    }
}
