package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.SaslSslListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code orderly run} against a broker that only lets clients in over SASL_SSL: TLS with the broker's
 * own certificate authority (a truststore) and SCRAM-SHA-512 credentials, the SASL and database
 * passwords from environment variables and the truststore password from a file. Rows arrive; a wrong
 * password stops orderly with a message naming the mechanism and the user, and so does a missing
 * truststore, naming the TLS handshake; and no secret appears in anything orderly wrote, even with
 * every logger at DEBUG.
 */
@ExtendWith(RealServers.class)
class KafkaSecurityIT {

    private static final String DATABASE = "secure_it";
    private static final String TOPIC = "secure-changes";
    private static final String KAFKA_USER = "orderly";
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(60);
    private static final int ROWS = 20;

    @Test
    void rowsReachASaslSslBrokerAndNoSecretIsEverWrittenAnywhere(EmbeddedMySql mySql) throws Exception {
        Path work = RealServers.workDirectory("kafka-security");
        String saslPassword = "sasl-" + UUID.randomUUID();
        String sourcePassword = "db-" + UUID.randomUUID();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        String sourceUser = "secure_cdc";
        mySql.execute("CREATE DATABASE " + DATABASE,
                "CREATE TABLE " + DATABASE + ".orders (id INT PRIMARY KEY, note VARCHAR(40))",
                "CREATE USER '" + sourceUser + "'@'%' IDENTIFIED WITH mysql_native_password BY '" + sourcePassword + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO '" + sourceUser + "'@'%'");

        try (EmbeddedKafka kafka = EmbeddedKafka.startSecured(work.resolve("kafka"), KAFKA_USER, saslPassword)) {
            SaslSslListener listener = kafka.saslSsl();
            Map<String, String> secrets = Map.of("the SASL password", saslPassword, "the database password", sourcePassword,
                    "the truststore password", listener.truststorePassword(), "the wrong SASL password", wrongPassword);
            Path state = work.resolve("state");
            Path config = OrderlyConfigFile.writePrivately(work.resolve("orderly.yaml"), config(mySql, sourceUser, listener, state,
                    OrderlyConfigFile.secretReference(work.resolve("truststore-password"), listener.truststorePassword())));
            Map<String, String> environment = Map.of("ORDERLY_SOURCE_PASSWORD", sourcePassword, "ORDERLY_SINK_SASL_PASSWORD", saslPassword);

            // Every logger at DEBUG: what a user switches on when something goes wrong must not leak either.
            Path debugLogging = Files.writeString(work.resolve("logback-debug.xml"), """
                    <configuration>
                      <appender name="err" class="ch.qos.logback.core.ConsoleAppender">
                        <target>System.err</target>
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="DEBUG"><appender-ref ref="err"/></root>
                    </configuration>
                    """);
            List<String> jvmOptions = new ArrayList<>(OrderlyProcess.DEFAULT_JVM_OPTIONS);
            jvmOptions.add("-Dlogback.configurationFile=" + debugLogging);
            Path log = work.resolve("orderly.log");
            try (OrderlyProcess orderly = OrderlyProcess.start(config, log, jvmOptions, environment)) {
                orderly.awaitStreaming(STREAMING_TIMEOUT);
                for (int batch = 0; batch < 2; batch++) {
                    StringBuilder insert = new StringBuilder("INSERT INTO " + DATABASE + ".orders VALUES ");
                    for (int row = 0; row < ROWS / 2; row++) {
                        int id = batch * (ROWS / 2) + row;
                        insert.append(row == 0 ? "" : ", ").append("(").append(id).append(", 'order ").append(id).append("')");
                    }
                    mySql.execute(insert.toString());
                }

                List<String> values = readRows(listener, Duration.ofSeconds(45));

                assertThat(values).hasSize(ROWS);
                assertThat(values.get(0)).contains("order 0");
                assertThat(values.get(ROWS - 1)).contains("order " + (ROWS - 1));
                orderly.terminate();
                assertThat(orderly.waitFor(Duration.ofSeconds(30))).as("exit code after SIGTERM" + orderly.logTail()).isZero();
                assertThat(orderly.log()).contains("DEBUG").contains("security.protocol = SASL_SSL")
                        // Debezium's engine logs its connector configuration at DEBUG, the database password with it; the line is dropped.
                        .contains("A DEBUG line of io.debezium.embedded.async.AsyncEmbeddedEngine was not logged because it showed a secret");
            }

            Path refusedLog = work.resolve("orderly-wrong-password.log");
            try (OrderlyProcess refused = OrderlyProcess.start(config, refusedLog, OrderlyProcess.DEFAULT_JVM_OPTIONS,
                    Map.of("ORDERLY_SOURCE_PASSWORD", sourcePassword, "ORDERLY_SINK_SASL_PASSWORD", wrongPassword))) {
                int exit = refused.waitFor(Duration.ofSeconds(60));

                assertThat(exit).as("exit code with a wrong SASL password" + refused.logTail()).isNotZero();
                assertThat(refused.log()).contains("Kafka at " + listener.bootstrapServers() + " refused orderly's credentials: SASL SCRAM-SHA-512"
                        + " authentication of user '" + KAFKA_USER + "' failed").contains("sink.sasl.password");
            }

            // Without the truststore the JVM's default trust does not know the broker's self-signed certificate.
            Path untrustedConfig = OrderlyConfigFile.writePrivately(work.resolve("orderly-untrusted.yaml"), Files.readString(config)
                    .replaceAll("(?m)^    truststore.*\n", "").replace("  tls:\n", "  tls: {}\n"));
            Path untrustedLog = work.resolve("orderly-untrusted.log");
            try (OrderlyProcess untrusted = OrderlyProcess.start(untrustedConfig, untrustedLog, OrderlyProcess.DEFAULT_JVM_OPTIONS, environment)) {
                int exit = untrusted.waitFor(Duration.ofSeconds(60));

                assertThat(exit).as("exit code without the truststore" + untrusted.logTail()).isNotZero();
                assertThat(untrusted.log()).contains("the TLS handshake with Kafka at " + listener.bootstrapServers() + " failed")
                        .contains("Check sink.tls.truststore");
            }

            Map<Path, String> written = textOf(Stream.of(List.of(log, refusedLog, untrustedLog), filesUnder(state)).flatMap(List::stream).toList());
            assertThat(written).isNotEmpty();
            assertThat(leaks(written, secrets)).as("lines that show a secret (shown here as <name>)").isEmpty();
            System.out.printf("[it] kafka security: %d rows over SASL_SSL; searched %d files (%d KB) for %d secrets%n", ROWS, written.size(),
                    written.values().stream().mapToInt(String::length).sum() / 1024, secrets.size());
        }
    }

    private static String config(EmbeddedMySql mySql, String sourceUser, SaslSslListener listener, Path state, String truststorePassword) {
        return """
                name: kafka-security
                state-directory: %s
                source:
                  type: mysql
                  host: %s
                  port: %d
                  user: %s
                  password: ${ORDERLY_SOURCE_PASSWORD}
                  server-id: 6301
                  include: [%s.orders]
                sink:
                  bootstrap-servers: %s
                  topic: %s
                  tls:
                    truststore: %s
                    truststore-password: "%s"
                  sasl:
                    mechanism: SCRAM-SHA-512
                    username: %s
                    password: ${ORDERLY_SINK_SASL_PASSWORD}
                partition:
                  mode: one_partition
                """.formatted(state, mySql.host(), mySql.port(), sourceUser, DATABASE, listener.bootstrapServers(), TOPIC, listener.truststore(),
                truststorePassword, KAFKA_USER);
    }

    /** The values of the topic's data records (control records left out), read over SASL_SSL until {@link #ROWS} came or the time is up. */
    private static List<String> readRows(SaslSslListener listener, Duration timeout) {
        Map<String, Object> settings = new HashMap<>(listener.clientProperties());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < ROWS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.headers().lastHeader("orderly.marker") == null) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }

    /** Every line of every file that holds a secret, with the secret replaced by its name. */
    private static List<String> leaks(Map<Path, String> written, Map<String, String> secrets) {
        List<String> leaks = new ArrayList<>();
        written.forEach((file, text) -> text.lines().forEach(line -> secrets.forEach((name, secret) -> {
            if (line.contains(secret)) {
                String shown = line;
                for (Map.Entry<String, String> each : secrets.entrySet()) {
                    shown = shown.replace(each.getValue(), "<" + each.getKey() + ">");
                }
                leaks.add(file.getFileName() + ": " + (shown.length() > 400 ? shown.substring(0, 400) + "..." : shown));
            }
        })));
        return leaks;
    }

    private static List<Path> filesUnder(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each file's bytes as text (ISO-8859-1 keeps every byte, so a secret in a binary file is found too). */
    private static Map<Path, String> textOf(List<Path> files) {
        Map<Path, String> texts = new HashMap<>();
        for (Path file : files) {
            try {
                texts.put(file, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }
}
