package dev.orderly.sandbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One running server child process: its {@link Process} handle, the file its output goes to, and a
 * JVM shutdown hook that stops it if the owner never does. Stopping goes through the handle only.
 *
 * <p>Thread-safe; {@link #terminate(Duration)} may be called from any thread, repeatedly.
 */
final class ServerProcess {

    private static final Duration SHUTDOWN_HOOK_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    private static final int LOG_TAIL_MAX_BYTES = 16 * 1024;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ServerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(() -> stopQuietly(process, SHUTDOWN_HOOK_GRACE),
                "sandbox-shutdown-" + name + "-" + process.pid());
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code logFile} and stdin closed.
     *
     * @throws SandboxException if the executable cannot be started
     */
    static ServerProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile) {
        Process process = launch(name, command, environment, workingDirectory, logFile);
        ServerProcess server = new ServerProcess(name, process, logFile);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        return server;
    }

    /**
     * Runs a short-lived helper {@code command} to completion, output appended to {@code logFile}.
     *
     * @throws SandboxException if it cannot start, runs longer than {@code timeout} (it is then killed)
     *     or exits with a code other than 0
     */
    static void runToCompletion(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile, Duration timeout) {
        Process process = launch(name, command, environment, workingDirectory, logFile);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new SandboxException(name + " did not finish within " + timeout.toSeconds() + " s"
                        + tailOf(logFile));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for " + name, e);
        }
        if (process.exitValue() != 0) {
            throw new SandboxException(name + " failed with exit code " + process.exitValue() + tailOf(logFile));
        }
    }

    private static Process launch(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile) {
        Objects.requireNonNull(command, "command is null");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new SandboxException("Could not start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; only meaningful once {@link #isAlive()} is false. */
    int exitValue() {
        return process.exitValue();
    }

    /** Waits up to {@code timeout} for the process to end by itself; true if it has ended. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * Sends SIGTERM, waits up to {@code grace} for a clean exit, then kills the process (SIGKILL) and
     * waits for it to be gone. Idempotent. Also removes the shutdown hook.
     *
     * @return true if the process ended within the grace period (clean stop), false if it was killed
     */
    boolean terminate(Duration grace) {
        boolean clean = stopQuietly(process, grace);
        removeShutdownHook();
        return clean;
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits for it to be gone. Idempotent. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
    }

    /** Forgets the shutdown hook once the process is known to be gone. */
    void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to; nothing left to undo.
        }
    }

    /** The last lines of this process's log, formatted to be appended to an exception message. */
    String logTail() {
        return tailOf(logFile);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + logFile + ")";
    }

    private static boolean stopQuietly(Process process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * The last {@value #LOG_TAIL_LINES} lines of {@code logFile}, as text that starts with a line
     * break and names the file, or a note that the file cannot be read.
     */
    static String tailOf(Path logFile) {
        String lines = lastLines(logFile);
        String hint = lines.contains("error while loading shared libraries")
                ? "\nA shared library is missing: run scripts/setup-machine as root (installs libaio1 and libnuma1)."
                : "";
        return "\n--- last lines of " + logFile + " ---\n" + lines + "--- end of " + logFile + " ---" + hint;
    }

    private static String lastLines(Path logFile) {
        if (!Files.isRegularFile(logFile)) {
            return "(no log file)\n";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, LOG_TAIL_MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (size < length && !lines.isEmpty()) {
                lines.remove(0); // probably cut in the middle
            }
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return tail.isEmpty() ? "(log is empty)\n" : String.join("\n", tail) + "\n";
        } catch (IOException e) {
            return "(cannot read log: " + e.getMessage() + ")\n";
        }
    }
}
