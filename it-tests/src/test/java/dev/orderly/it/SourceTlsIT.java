package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.cli.OrderlyCommand;
import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.SourceTlsMode;
import dev.orderly.sandbox.EmbeddedDatabase;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.SelfSignedCertificate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code source.tls} against a real MySQL 8 whose CDC account was created {@code REQUIRE SSL}: with
 * {@code required} and with {@code verify-ca} (checking the server's certificate against a truststore
 * made from the authority {@code mysqld --initialize} generated) orderly's metadata queries and the
 * binlog stream both log in and rows arrive; with TLS disabled the login is refused and the message
 * names the TLS mode; {@code verify-identity} refuses the server's certificate, which does not name
 * 127.0.0.1.
 *
 * <p>MariaDB, whose connector and driver spell the modes differently and have no {@code preferred}, gets
 * a server of its own with TLS on and a certificate that names 127.0.0.1: {@code required} and
 * {@code verify-identity} stream, and its default (TLS disabled) is refused by an account that
 * requires TLS.
 */
@ExtendWith(RealServers.class)
class SourceTlsIT {

    private static final String DATABASE = "tls_it";
    private static final String USER = "tls_cdc";
    private static final String PASSWORD = "tls-" + UUID.randomUUID();
    private static final String TRUSTSTORE_PASSWORD = "trust-" + UUID.randomUUID();
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(60);

    private static Path work;
    private static Path truststore;

    @BeforeAll
    static void createTheAccountThatRequiresTls(EmbeddedMySql mySql) throws Exception {
        createSchemaAndAccount(mySql, "IDENTIFIED WITH mysql_native_password BY", "");
        work = RealServers.workDirectory("source-tls");
        truststore = work.resolve("db-ca.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "mysql-ca", "-file", mySql.certificateAuthority().toString(), "-keystore", truststore.toString(), "-storetype", "PKCS12",
                "-storepass", TRUSTSTORE_PASSWORD).redirectErrorStream(true).redirectOutput(work.resolve("keytool.log").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool -importcert of " + mySql.certificateAuthority())
                .isTrue();
    }

    @Test
    void anAccountThatRequiresTlsStreamsWithModeRequiredAndWithVerifyCa(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        streams(mySql, kafka, SourceTlsMode.REQUIRED, "tls-required", 6401, 0, "  tls:\n    mode: required\n");
        streams(mySql, kafka, SourceTlsMode.VERIFY_CA, "tls-verify-ca", 6402, 100, """
                  tls:
                    mode: verify-ca
                    truststore: %s
                    truststore-password: "%s"
                """.formatted(truststore, OrderlyConfigFile.secretReference(work.resolve("truststore-password"), TRUSTSTORE_PASSWORD)));
    }

    @Test
    void withTlsDisabledTheLoginIsRefusedAndTheMessageNamesTheTlsMode(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        StringWriter err = new StringWriter();

        int exit = run(config(mySql, kafka, "tls-disabled", 6403, "  tls:\n    mode: disabled\n"), err);

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("cannot connect to the source database (mysql at 127.0.0.1:" + mySql.port() + " as user '" + USER
                        + "' with TLS mode disabled): Access denied for user '" + USER + "'")
                .contains("if the account requires TLS (REQUIRE SSL or stronger), set source.tls.mode to required, verify-ca or verify-identity")
                .doesNotContain(PASSWORD);
    }

    @Test
    void verifyIdentityRefusesACertificateThatDoesNotNameTheHost(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        StringWriter err = new StringWriter();

        int exit = run(config(mySql, kafka, "tls-verify-identity", 6404, """
                  tls:
                    mode: verify-identity
                    truststore: %s
                    truststore-password: "%s"
                """.formatted(truststore, OrderlyConfigFile.secretReference(work.resolve("truststore-password-2"), TRUSTSTORE_PASSWORD))), err);

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("with TLS mode verify-identity)").contains("The TLS connection failed")
                .contains("with verify-identity it must name source.host").doesNotContain(PASSWORD, TRUSTSTORE_PASSWORD);
    }

    @Test
    void mariaDbStreamsOverTlsWithItsOwnModesAndRefusesAnUnencryptedLogin(EmbeddedKafka kafka) throws Exception {
        // A server of this test's own: the shared one runs with TLS off (see the class comment).
        try (EmbeddedMariaDb mariaDb = EmbeddedMariaDb.startWithTls(work.resolve("mariadb"))) {
            createSchemaAndAccount(mariaDb, "IDENTIFIED BY", ", BINLOG MONITOR");
            SelfSignedCertificate certificate = mariaDb.tlsCertificate();

            streams(mariaDb, kafka, SourceTlsMode.REQUIRED, "tls-mariadb-required", 6411, 0, "  tls:\n    mode: required\n");
            // The certificate names 127.0.0.1: MariaDB's verify-full checks the host too.
            streams(mariaDb, kafka, SourceTlsMode.VERIFY_IDENTITY, "tls-mariadb-verify-identity", 6412, 100, """
                      tls:
                        mode: verify-identity
                        truststore: %s
                        truststore-password: "%s"
                    """.formatted(certificate.clientTruststore(),
                    OrderlyConfigFile.secretReference(work.resolve("mariadb-truststore-password"), certificate.clientTruststorePassword())));
            StringWriter err = new StringWriter();
            int exit = run(config(mariaDb, kafka, "tls-mariadb-default", 6413, ""), err);

            assertThat(exit).isNotZero();
            assertThat(err.toString()).contains("as user '" + USER + "' with TLS mode disabled): ").contains("Access denied for user '" + USER + "'")
                    .contains("set source.tls.mode to required, verify-ca or verify-identity").doesNotContain(PASSWORD);
        }
    }

    private static void createSchemaAndAccount(EmbeddedDatabase database, String identified, String morePrivileges) {
        database.execute("CREATE DATABASE " + DATABASE,
                "CREATE TABLE " + DATABASE + ".orders (id INT PRIMARY KEY, note VARCHAR(40))",
                "CREATE USER '" + USER + "'@'%' " + identified + " '" + PASSWORD + "' REQUIRE SSL",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES" + morePrivileges + " ON *.* TO '" + USER
                        + "'@'%'");
    }

    /** Runs a pipeline in this JVM until {@code rows} inserted rows are in its topic. */
    private static void streams(EmbeddedDatabase database, EmbeddedKafka kafka, SourceTlsMode mode, String name, long serverId, int firstId, String tls)
            throws Exception {
        Path config = OrderlyConfigFile.writePrivately(work.resolve(name + ".yaml"), config(database, kafka, name, serverId, tls));
        OrderlySettings settings = Orderly.loadSettings(config, Map.of());
        assertThat(settings.source().tls().mode()).isEqualTo(mode);
        PipelineRun run = Orderly.pipeline(settings).start(false);
        try {
            run.streaming().get(STREAMING_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            database.execute("INSERT INTO " + DATABASE + ".orders VALUES (" + firstId + ", '" + name + " a'), (" + (firstId + 1) + ", '" + name + " b')");

            assertThat(rows(kafka, name, 2)).as("rows streamed with TLS mode %s", mode.configValue()).hasSize(2)
                    .allSatisfy(value -> assertThat(value).contains(name));
        } finally {
            run.stop();
            run.awaitTermination();
        }
        assertThat(run.failure()).isEmpty();
    }

    private static String config(EmbeddedDatabase database, EmbeddedKafka kafka, String name, long serverId, String tls) {
        return """
                name: %s
                state-directory: %s
                source:
                  type: %s
                  host: %s
                  port: %d
                  user: %s
                  password: "%s"
                  server-id: %d
                  include: [%s.orders]
                %ssink:
                  bootstrap-servers: %s
                  topic: %s
                partition:
                  mode: one_partition
                """.formatted(name, work.resolve(name + "-state"), database.flavour(), database.host(), database.port(), USER,
                OrderlyConfigFile.secretReference(work.resolve(name + "-password"), PASSWORD), serverId, DATABASE, tls, kafka.bootstrapServers(), name);
    }

    private static int run(String config, StringWriter err) {
        Path file = OrderlyConfigFile.writePrivately(work.resolve(UUID.randomUUID() + ".yaml"), config);
        return OrderlyCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "run", "--config", file.toString());
    }

    /** The values of the topic's data records, read until {@code count} came or 30 s passed. */
    private static List<String> rows(EmbeddedKafka kafka, String topic, int count) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.headers().lastHeader("orderly.marker") == null) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }
}
