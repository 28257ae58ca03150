package dev.orderly.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code orderly run --config FILE} in a JVM of its own, as an operator runs it, so that a test can
 * stop it the ways an operator or a crash does: {@link #terminate()} (SIGTERM), {@link #interrupt()}
 * (SIGINT, as Ctrl-C) and {@link #kill()} (SIGKILL). Its standard output and error go to a log file.
 *
 * <p>The child gets this JVM's class path ({@link ClassPathSnapshot}, with orderly's own JARs copied
 * once per test run) and main class {@code dev.orderly.app.cli.OrderlyCommand}.
 * A shutdown hook kills a child the test did not stop. Not thread-safe; one test thread drives it.
 */
final class OrderlyProcess implements AutoCloseable {

    /** Small heap; the client compiler alone and a serial collector start fastest on a small, busy machine. */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** The line the source logs once it reads the live binlog. */
    static final String STREAMING = "is streaming the binlog";
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final Path log;
    /** Where this process's output starts in the log, which earlier processes may have written to. */
    private final long logStart;
    private final Thread killOnExit;
    private final long startedNanos = System.nanoTime();

    private OrderlyProcess(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
        this.killOnExit = new Thread(process::destroyForcibly, "orderly-process-" + process.pid() + "-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code orderly run --config config} with the default JVM options, output to {@code log}. */
    static OrderlyProcess start(Path config, Path log) {
        return start(config, log, DEFAULT_JVM_OPTIONS);
    }

    /**
     * @param config the configuration file
     * @param log where standard output and error go (appended)
     * @param jvmOptions options of the child JVM, such as {@code -Xmx256m}
     * @param arguments more arguments of {@code orderly run}, such as {@code --stop-timeout 5}
     */
    static OrderlyProcess start(Path config, Path log, List<String> jvmOptions, String... arguments) {
        return start(config, log, jvmOptions, Map.of(), arguments);
    }

    /**
     * @param environment variables set for the child in addition to this JVM's, such as the ones
     *     {@code ${NAME}} references of the configuration name
     */
    static OrderlyProcess start(Path config, Path log, List<String> jvmOptions, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("@" + ClassPathSnapshot.argumentFile());
        command.add("dev.orderly.app.cli.OrderlyCommand");
        command.add("run");
        command.add("--config");
        command.add(config.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            return new OrderlyProcess(builder.start(), log, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start orderly: " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the log says the source reads the live binlog.
     *
     * @return how long it took from the start of the process
     * @throws AssertionError when the process ends first or the timeout passes, with the log's tail
     */
    Duration awaitStreaming(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(STREAMING)) {
            if (!process.isAlive()) {
                throw new AssertionError("orderly exited with code " + process.exitValue() + " before it was streaming" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("orderly was not streaming within " + timeout.toSeconds() + " s" + logTail());
            }
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** SIGTERM, as a service manager stops a process. */
    void terminate() {
        process.destroy();
    }

    /** SIGINT, as Ctrl-C in a terminal. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -s INT " + process.pid() + " failed");
        }
    }

    /** SIGKILL, as a crash: no shutdown hook, no flush, no commit. Waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("orderly (pid " + process.pid() + ") still runs 30 s after SIGKILL");
        }
        forget();
    }

    /**
     * Waits for the process to exit.
     *
     * @return its exit code
     * @throws AssertionError when it still runs after {@code timeout} (it is then killed), with the log's tail
     */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            forget();
            throw new AssertionError("orderly (pid " + process.pid() + ") did not exit within " + timeout.toSeconds() + " s; killed it"
                    + logTail());
        }
        forget();
        return process.exitValue();
    }

    /** This process's output so far. */
    String log() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            byte[] bytes = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** The last lines of this process's output, as text to append to a message: it starts with a line break and names the file. */
    String logTail() {
        List<String> lines = log().lines().toList();
        return "\n--- last lines of " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()))
                + "\n--- end of " + log + " ---";
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        forget();
    }

    private void forget() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrRemoved) {
            // Nothing left to undo.
        }
    }

    @Override
    public String toString() {
        return "orderly (pid " + process.pid() + ", log " + log + ")";
    }
}
