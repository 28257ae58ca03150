package dev.orderly.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A contender's JVM: this JVM's class path (through an argument file), the given options and main
 * class. Standard error goes to a log file; standard output is read line by line into the same log,
 * and lines that start with a word in capitals and a space ({@code DONE 1764...}) are kept as signals.
 * Its CPU time is read from {@code /proc/<pid>/stat} (user + system time of all its threads).
 * Not thread-safe: one harness thread drives it.
 */
final class ChildJvm implements AutoCloseable {

    /** What a caller waits for while the child runs. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private static long clockTicks;

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedMillis;
    private final Map<String, String> signals = new ConcurrentHashMap<>();
    private final Thread reader;
    private final Thread killOnExit;

    private ChildJvm(String name, Process process, Path log, long startedMillis) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedMillis = startedMillis;
        this.reader = new Thread(this::readOutput, "child-" + name + "-output");
        this.reader.setDaemon(true);
        this.reader.start();
        this.killOnExit = new Thread(process::destroyForcibly, "child-" + name + "-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * @param argumentFile the java launcher argument file with {@code -cp} and the class path
     * @param log where its output goes (appended)
     * @param environment variables added to this JVM's
     */
    static ChildJvm start(String name, Path argumentFile, List<String> jvmOptions, String mainClass, List<String> arguments, Path log,
            Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("@" + argumentFile);
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "# " + String.join(" ", command) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long started = System.currentTimeMillis();
            return new ChildJvm(name, builder.start(), log, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Writes this JVM's class path to an argument file for children. */
    static Path writeArgumentFile(Path file) {
        String classPath = System.getProperty("java.class.path");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "-cp\n\"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** When the process was started, in epoch milliseconds (taken just before the launch). */
    long startedMillis() {
        return startedMillis;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The rest of the last line that started with {@code word + " "}, if one came. */
    Optional<String> signal(String word) {
        return Optional.ofNullable(signals.get(word));
    }

    /**
     * Waits for a signal line.
     *
     * @throws IllegalStateException when the process ends first or the timeout passes, with the log's tail
     */
    String awaitSignal(String word, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String value = signals.get(word);
            if (value != null) {
                return value;
            }
            if (!process.isAlive()) {
                reader.join(2_000);
                value = signals.get(word);
                if (value != null) {
                    return value;
                }
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it said " + word + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not say " + word + " within " + timeout.toSeconds() + " s" + logTail());
            }
            Thread.sleep(5);
        }
    }

    /**
     * Checks {@code done} every {@code pause} until it holds.
     *
     * @param what what is waited for, for the error message
     * @throws IllegalStateException when the process ends or the timeout passes first, with the log's tail
     */
    void await(String what, Duration timeout, Duration pause, Condition done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.holds()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(this + " exited with " + waitFor(Duration.ofSeconds(1)) + " while the harness waited for " + what
                        + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(this + " did not get to " + what + " within " + timeout.toSeconds() + " s" + logTail());
            }
            Thread.sleep(pause.toMillis());
        }
    }

    /** User plus system CPU seconds of the process so far. */
    double cpuSeconds() {
        return cpuSeconds(process.pid());
    }

    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / (double) clockTicks();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid + " (it ended?)", e);
        }
    }

    private static synchronized long clockTicks() {
        if (clockTicks == 0) {
            clockTicks = 100;
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                    clockTicks = Long.parseLong(out);
                }
            } catch (IOException | NumberFormatException e) {
                // 100 is the value on every Linux of interest.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return clockTicks;
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns the exit code. */
    int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            Harness.log("  %s did not stop within %d s of SIGTERM; killing it", name, grace.toSeconds());
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(2_000);
        forget();
        return process.exitValue();
    }

    /** Waits for the process to end by itself; kills it after {@code timeout}. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            forget();
            throw new IllegalStateException(name + " did not end within " + timeout.toSeconds() + " s; killed it" + logTail());
        }
        reader.join(2_000);
        forget();
        return process.exitValue();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- last lines of " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))
                    + "\n--- end ---";
        } catch (IOException | UncheckedIOException e) {
            return " (log " + log + " unreadable: " + e + ")";
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = lines.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(0, space).chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                    signals.put(line.substring(0, space), line.substring(space + 1));
                }
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            // The process ended; what it wrote is in the log.
        }
    }

    private void forget() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException | IllegalArgumentException alreadyGone) {
            // Shutting down, or removed before.
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        forget();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
