package dev.orderly.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (the {@code kafka_2.13} version on the classpath, 4.1.1) in KRaft mode,
 * one node acting as broker and controller, running in a separate JVM so that tests can stop, kill
 * and restart it independently of the JVM that uses it.
 *
 * <p>The child JVM gets the current JVM's classpath ({@code java.class.path}) and main class
 * {@code kafka.Kafka}; storage is formatted first with {@code kafka.tools.StorageTool} in another short
 * child JVM. Internal topics use replication factor 1 and min ISR 1; consumer groups rebalance without
 * initial delay. The broker logs through whichever SLF4J binding the classpath holds (logback for the
 * application) or log4j2; both get a configuration written here that logs INFO to standard output,
 * which goes to {@code kafka.log} in the work directory.
 *
 * <p>Layout of the work directory: {@code data/} (log.dirs and KRaft metadata),
 * {@code server.properties}, {@code kafka.log}, {@code logback.xml}, {@code log4j2.properties},
 * {@code jvm.args}; with {@link #startSecured} also {@code tls/} (the {@link SelfSignedCertificate}'s files).
 *
 * <p>Lifecycle: {@link #start(Path)} returns a running broker; {@link #stop()} stops it with SIGTERM
 * (clean shutdown) and, after 30 s, SIGKILL; {@link #kill()} kills it at once; {@link #restart()} starts
 * it again on the same ports with the same data; {@link #close()} is {@link #stop()}. Stopping is
 * idempotent. A JVM shutdown hook stops a broker that was never stopped. Threading: all methods may be
 * called from any thread; lifecycle methods are serialized.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String HOST = "127.0.0.1";
    private static final List<String> BROKER_JVM_OPTIONS = List.of(
            "-Xms128m",
            "-Xmx512m",
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35",
            "-XX:+ExplicitGCInvokesConcurrent",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");
    /** The format run is short: the client compiler alone and a serial collector start fastest. */
    private static final List<String> TOOL_JVM_OPTIONS = List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Djava.awt.headless=true");

    /** SCRAM mechanisms the SASL_SSL listener offers; the user gets credentials for both. */
    private static final List<String> SCRAM_MECHANISMS = List.of("SCRAM-SHA-256", "SCRAM-SHA-512");

    private final Path directory;
    private final Path logFile;
    private final Path argumentsFile;
    private final Path propertiesFile;
    private final int brokerPort;
    /** The SASL_SSL listener of a secured broker; null for a plaintext-only broker. */
    private final SaslSslListener saslSsl;
    /** The broker's own keystore and its password, for the SASL_SSL listener; null without one. */
    private final Path serverKeystore;
    private final String serverKeystorePassword;

    private ServerProcess process;

    private EmbeddedKafka(Path directory, int brokerPort) {
        this(directory, brokerPort, null, null, null);
    }

    private EmbeddedKafka(Path directory, int brokerPort, SaslSslListener saslSsl, Path serverKeystore, String serverKeystorePassword) {
        this.directory = directory;
        this.logFile = directory.resolve("kafka.log");
        this.argumentsFile = directory.resolve("jvm.args");
        this.propertiesFile = directory.resolve("server.properties");
        this.brokerPort = brokerPort;
        this.saslSsl = saslSsl;
        this.serverKeystore = serverKeystore;
        this.serverKeystorePassword = serverKeystorePassword;
    }

    /**
     * Formats storage in {@code workDir}, starts the broker on random free ports and returns once it
     * answers a describe-cluster request.
     *
     * @param workDir directory for this broker's files; created if absent; its {@code data}
     *     subdirectory must not hold anything yet
     * @throws SandboxException if formatting fails or the broker does not answer within 60 s; the
     *     message ends with the tail of {@code kafka.log}
     */
    public static EmbeddedKafka start(Path workDir) {
        Objects.requireNonNull(workDir, "workDir is null");
        Path directory = workDir.toAbsolutePath().normalize();
        Path dataDirectory = FileTrees.createEmptyDirectory(directory.resolve("data"), "Kafka data");
        int[] ports = FreePorts.allocate(2);
        EmbeddedKafka kafka = new EmbeddedKafka(directory, ports[0]);
        kafka.writeConfiguration(dataDirectory, ports[1]);
        ServerProcess.runToCompletion("Kafka storage format",
                kafka.javaCommand(TOOL_JVM_OPTIONS, "kafka.tools.StorageTool", "format",
                        "-t", Uuid.randomUuid().toString(), "-c", kafka.propertiesFile.toString()),
                Map.of(), directory, kafka.logFile, FORMAT_TIMEOUT);
        kafka.launch();
        return kafka;
    }

    /**
     * Like {@link #start(Path)}, with a second client listener that speaks SASL_SSL: TLS with a
     * {@link SelfSignedCertificate} (naming {@code 127.0.0.1} and {@code localhost}), and
     * SCRAM-SHA-256 and SCRAM-SHA-512 logins of {@code user}, whose
     * credentials are written at format time ({@code --add-scram}, KIP-900). The PLAINTEXT listener
     * stays, for inter-broker traffic and for tests that need no login; the controller listener is
     * PLAINTEXT too. Certificates and stores live in {@code tls/} of the work directory.
     *
     * @param user the SCRAM user to create
     * @param password its password; it must not contain {@code ,}, {@code ]} or {@code "}
     * @throws SandboxException if keytool, formatting or the start fail
     */
    public static EmbeddedKafka startSecured(Path workDir, String user, String password) {
        Objects.requireNonNull(workDir, "workDir is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        if (password.contains(",") || password.contains("]") || password.contains("\"")) {
            throw new IllegalArgumentException("the SCRAM password must not contain ',', ']' or '\"' (StorageTool's --add-scram syntax)");
        }
        Path directory = workDir.toAbsolutePath().normalize();
        Path dataDirectory = FileTrees.createEmptyDirectory(directory.resolve("data"), "Kafka data");
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory.resolve("tls"));
        int[] ports = FreePorts.allocate(3);
        SaslSslListener listener = new SaslSslListener(HOST + ":" + ports[2], certificate.clientTruststore(), certificate.clientTruststorePassword(),
                user, password);
        EmbeddedKafka kafka = new EmbeddedKafka(directory, ports[0], listener, certificate.serverKeystore(), certificate.serverKeystorePassword());
        kafka.writeConfiguration(dataDirectory, ports[1]);
        List<String> format = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", kafka.propertiesFile.toString()));
        for (String mechanism : SCRAM_MECHANISMS) {
            format.add("--add-scram");
            format.add(mechanism + "=[name=" + user + ",password=" + password + "]");
        }
        ServerProcess.runToCompletion("Kafka storage format", kafka.javaCommand(TOOL_JVM_OPTIONS, "kafka.tools.StorageTool", format.toArray(String[]::new)),
                Map.of(), directory, kafka.logFile, FORMAT_TIMEOUT);
        kafka.launch();
        return kafka;
    }

    /**
     * The SASL_SSL listener of a broker started with {@link #startSecured}.
     *
     * @throws IllegalStateException when this broker was started with {@link #start(Path)}
     */
    public SaslSslListener saslSsl() {
        if (saslSsl == null) {
            throw new IllegalStateException(this + " has no SASL_SSL listener; start it with EmbeddedKafka.startSecured");
        }
        return saslSsl;
    }

    /** The bootstrap servers string for clients, {@code 127.0.0.1:<port>}; stable across restarts. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /** True while the broker process runs (it may still be starting or stopping). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the broker cleanly (SIGTERM, then SIGKILL after 30 s) and waits for its JVM to end. Idempotent. */
    public synchronized void stop() {
        if (process != null) {
            boolean clean = process.terminate(STOP_GRACE);
            process = null;
            LOGGER.info("Stopped Kafka broker on {}{}", bootstrapServers(),
                    clean ? "" : " (killed after " + STOP_GRACE.toSeconds() + " s)");
        }
    }

    /** Kills the broker JVM at once (SIGKILL), as a crash would. Idempotent. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
            LOGGER.info("Killed Kafka broker on {}", bootstrapServers());
        }
    }

    /**
     * Stops the broker if it runs, then starts it again with the same ports and data and waits until
     * it answers.
     *
     * @throws SandboxException if it does not answer within 60 s
     */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "Kafka broker on " + bootstrapServers() + " (work directory " + directory + ")";
    }

    private synchronized void launch() {
        long started = System.nanoTime();
        ServerProcess starting = ServerProcess.start("Kafka broker on " + bootstrapServers(),
                javaCommand(BROKER_JVM_OPTIONS, "kafka.Kafka", propertiesFile.toString()),
                Map.of(), directory, logFile);
        try {
            awaitReady(starting);
        } catch (RuntimeException e) {
            starting.terminate(Duration.ofSeconds(5));
            throw e;
        }
        process = starting;
        LOGGER.info("Kafka broker on {} ready in {} ms (pid {}, log {})", bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, starting.pid(), logFile);
    }

    private void awaitReady(ServerProcess starting) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        awaitPortOpen(starting, deadline);
        Properties properties = new Properties();
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        properties.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        properties.setProperty(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        properties.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "orderly-sandbox-readiness");
        Exception lastFailure = null;
        try (Admin admin = Admin.create(properties)) {
            while (System.nanoTime() < deadline) {
                ensureAlive(starting);
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SandboxException("Interrupted while waiting for " + this, e);
                }
                sleep(100);
            }
        }
        throw new SandboxException("Kafka broker on " + bootstrapServers() + " did not answer within "
                + START_TIMEOUT.toSeconds() + " s (last error: "
                + (lastFailure == null ? "none" : lastFailure.getMessage()) + ")" + starting.logTail(), lastFailure);
    }

    /** Waiting for the listener first keeps the admin client from logging connection failures. */
    private void awaitPortOpen(ServerProcess starting, long deadline) {
        while (System.nanoTime() < deadline) {
            ensureAlive(starting);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, brokerPort), 500);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
    }

    private void ensureAlive(ServerProcess starting) {
        if (!starting.isAlive()) {
            throw new SandboxException("Kafka broker on " + bootstrapServers() + " exited with code "
                    + starting.exitValue() + " while starting" + starting.logTail());
        }
    }

    /** The class path goes through an argument file: it can be longer than one command-line argument may be. */
    private List<String> javaCommand(List<String> jvmOptions, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("@" + argumentsFile);
        command.add(mainClass);
        command.addAll(List.of(arguments));
        return command;
    }

    private void writeConfiguration(Path dataDirectory, int controllerPort) {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isBlank() || ClassLoader.getSystemClassLoader().getResource("kafka/Kafka.class") == null) {
            throw new SandboxException("kafka_2.13 is not on this JVM's class path (java.class.path='" + classPath
                    + "'); the Kafka broker JVM is started with that class path");
        }
        List<String> jvmArguments = new ArrayList<>();
        jvmArguments.add("-Dlogback.configurationFile=" + directory.resolve("logback.xml"));
        jvmArguments.add("-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"));
        jvmArguments.add("-cp");
        jvmArguments.add(classPath);
        StringBuilder argumentLines = new StringBuilder();
        for (String argument : jvmArguments) {
            argumentLines.append(quoteForArgumentFile(argument)).append('\n');
        }
        String saslSslListener = saslSsl == null ? "" : ",SASL_SSL://" + saslSsl.bootstrapServers();
        String serverProperties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort + saslSslListener,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + brokerPort + saslSslListener,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT" + (saslSsl == null ? "" : ",SASL_SSL:SASL_SSL"),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDirectory,
                "num.partitions=1",
                "default.replication.factor=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                saslSslProperties());
        String logback = String.join("\n",
                "<configuration>",
                "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>",
                "  </appender>",
                "  <logger name=\"kafka.request.logger\" level=\"WARN\"/>",
                "  <logger name=\"state.change.logger\" level=\"WARN\"/>",
                "  <root level=\"INFO\"><appender-ref ref=\"STDOUT\"/></root>",
                "</configuration>",
                "");
        String log4j2 = String.join("\n",
                "status = warn",
                "appender.stdout.type = Console",
                "appender.stdout.name = STDOUT",
                "appender.stdout.layout.type = PatternLayout",
                "appender.stdout.layout.pattern = %d{HH:mm:ss.SSS} %-5level [%t] %c{1.} - %msg%n",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = warn",
                "logger.state.name = state.change.logger",
                "logger.state.level = warn",
                "rootLogger.level = info",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "");
        try {
            Files.writeString(argumentsFile, argumentLines, StandardCharsets.UTF_8);
            Files.writeString(propertiesFile, serverProperties, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("log4j2.properties"), log4j2, StandardCharsets.UTF_8);
            Files.writeString(logFile, "# Kafka broker output; SLF4J provider(s) on the classpath: "
                    + slf4jProviders() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write Kafka configuration to " + directory, e);
        }
    }

    /** The settings of the SASL_SSL listener, ending with a line break; empty for a plaintext-only broker. */
    private String saslSslProperties() {
        if (saslSsl == null) {
            return "";
        }
        List<String> lines = new ArrayList<>(List.of(
                "sasl.enabled.mechanisms=" + String.join(",", SCRAM_MECHANISMS),
                "ssl.keystore.location=" + serverKeystore,
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.password=" + serverKeystorePassword,
                "ssl.key.password=" + serverKeystorePassword,
                "ssl.client.auth=none"));
        for (String mechanism : SCRAM_MECHANISMS) {
            lines.add("listener.name.sasl_ssl." + mechanism.toLowerCase(Locale.ROOT)
                    + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        return String.join("\n", lines) + "\n";
    }

    /** Names the SLF4J bindings the child JVM will see, so that an empty broker log explains itself. */
    private static String slf4jProviders() {
        List<String> providers = new ArrayList<>();
        ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class).stream()
                .forEach(provider -> providers.add(provider.type().getName()));
        return providers.isEmpty() ? "none (the broker's own log lines are dropped)" : String.join(", ", providers);
    }

    /** The java launcher's @-file syntax: one argument per line, quoted, backslash escapes. */
    private static String quoteForArgumentFile(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for the Kafka broker", e);
        }
    }
}
