package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.cli.OrderlyCommand;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.EmbeddedDatabase;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code orderly check} against real servers, configured rightly and wrongly on purpose: each wrong
 * setting fails its check with the fix, exit code 1; a right configuration passes with exit code 0.
 * The check creates nothing: a missing topic stays missing.
 */
@ExtendWith(RealServers.class)
class CheckCommandIT {

    private static final String SCHEMA = "preflight";
    private static final String NO_REPLICATION_USER = "preflight_no_repl";
    private static final String NO_REPLICATION_PASSWORD = "preflight-pw";

    @BeforeAll
    static void createTablesAndAUserWithoutReplicationSlave(EmbeddedMySql mySql) {
        mySql.execute(WorkloadSchema.ddl(SCHEMA).toArray(String[]::new));
        mySql.execute("DROP USER IF EXISTS '" + NO_REPLICATION_USER + "'@'%'",
                "CREATE USER '" + NO_REPLICATION_USER + "'@'%' IDENTIFIED WITH mysql_native_password BY '" + NO_REPLICATION_PASSWORD + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION CLIENT ON *.* TO '" + NO_REPLICATION_USER + "'@'%'");
    }

    @Test
    void aRightlyConfiguredMySqlAndKafkaPassEveryCheckAndNothingIsCreated(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        String topic = "preflight-ok";

        Checked checked = check(config(mySql, mySql.cdcUser(), mySql.cdcPassword(), kafka.bootstrapServers(), topic,
                "[preflight.orders, preflight.customers]", ""));

        assertThat(checked.exit()).as(checked.out()).isZero();
        assertThat(checked.checkLines()).as(checked.out()).allSatisfy(line -> assertThat(line).matches("(PASS|INFO)  .*"));
        assertThat(checked.line("log_bin")).contains("ON");
        assertThat(checked.line("binlog_format")).contains("ROW");
        assertThat(checked.line("binlog_row_image")).contains("FULL");
        assertThat(checked.line("server_id")).contains("orderly reads the binlog as replica 6201");
        assertThat(checked.line("gtid_mode")).startsWith("INFO").contains("gtid_mode=ON");
        assertThat(checked.line("privilege REPLICATION SLAVE")).contains("granted on *.* to orderly_cdc@%");
        assertThat(checked.line("privilege REPLICATION CLIENT")).startsWith("PASS");
        assertThat(checked.line("privilege SELECT")).contains("all 2 included tables");
        assertThat(checked.line("tables")).contains("preflight.orders (hash), preflight.customers (hash)");
        assertThat(checked.line("kafka brokers")).contains("1 broker");
        assertThat(checked.line("topic")).contains(topic + " does not exist yet; the broker accepts creating it with 4 partitions");
        assertThat(checked.line("partition count")).startsWith("INFO").contains("no checkpoint yet");
        assertThat(checked.line("producer settings")).contains("acks=all, enable.idempotence=true, max.in.flight.requests.per.connection=5");
        assertThat(checked.summary()).startsWith("result: PASS - ");
        assertThat(topics(kafka)).doesNotContain(topic);
    }

    @Test
    void aRightlyConfiguredMariaDbPassesWithBinlogMonitorAndExactlyOnce(EmbeddedMariaDb mariaDb, EmbeddedKafka kafka) throws Exception {
        mariaDb.execute(WorkloadSchema.ddl(SCHEMA).toArray(String[]::new));

        Checked checked = check(config(mariaDb, mariaDb.cdcUser(), mariaDb.cdcPassword(), kafka.bootstrapServers(), "preflight-mariadb",
                "[preflight.orders]", "", "  delivery: exactly-once\n  offsets-topic: preflight-mariadb-offsets\n"));

        assertThat(checked.exit()).as(checked.out()).isZero();
        assertThat(checked.checkLines()).as(checked.out()).allSatisfy(line -> assertThat(line).matches("(PASS|INFO)  .*"));
        assertThat(checked.line("source.type")).contains("mariadb");
        assertThat(checked.line("privilege REPLICATION CLIENT")).contains("as BINLOG MONITOR");
        assertThat(checked.line("gtid_mode")).contains("MariaDB GTIDs are always on");
        assertThat(checked.line("offsets topic")).contains("preflight-mariadb-offsets does not exist yet", "cleanup.policy=compact");
        assertThat(checked.line("producer settings")).contains("transactional");
    }

    @Test
    void statementBinlogFailsNamingBinlogFormatAndTheFix(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        Checked checked;
        // The servers are shared by every IT of the run: put ROW back whatever happens.
        mySql.execute("SET GLOBAL binlog_format = 'STATEMENT'");
        try {
            checked = check(config(mySql, mySql.cdcUser(), mySql.cdcPassword(), kafka.bootstrapServers(), "preflight-statement",
                    "[preflight.orders]", ""));
        } finally {
            mySql.execute("SET GLOBAL binlog_format = 'ROW'");
        }

        assertThat(checked.exit()).as(checked.out()).isEqualTo(1);
        assertThat(checked.line("binlog_format")).startsWith("FAIL").contains("found STATEMENT")
                .contains("fix: SET GLOBAL binlog_format=ROW", "binlog_format=ROW under [mysqld] in the server's my.cnf");
        assertThat(checked.line("binlog_row_image")).startsWith("PASS");
        assertThat(checked.summary()).startsWith("result: FAIL - 1 failed (binlog_format)");
    }

    @Test
    void aUserWithoutReplicationSlaveFailsNamingThePrivilegeAndTheGrant(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        Checked checked = check(config(mySql, NO_REPLICATION_USER, NO_REPLICATION_PASSWORD, kafka.bootstrapServers(), "preflight-privilege",
                "[preflight.orders]", ""));

        assertThat(checked.exit()).as(checked.out()).isEqualTo(1);
        assertThat(checked.line("privilege REPLICATION SLAVE")).startsWith("FAIL")
                .contains(NO_REPLICATION_USER + "@% lacks REPLICATION SLAVE (or REPLICATION REPLICA) on *.*")
                .contains("fix: GRANT REPLICATION SLAVE ON *.* TO '" + NO_REPLICATION_USER + "'@'%'");
        assertThat(checked.line("privilege REPLICATION CLIENT")).startsWith("PASS");
        assertThat(checked.line("privilege SELECT")).startsWith("PASS");
        assertThat(checked.summary()).startsWith("result: FAIL - 1 failed (privilege REPLICATION SLAVE)");
    }

    @Test
    void aKeylessTableUnderHashFailsNamingTheTableAndTheFix(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        Checked checked = check(config(mySql, mySql.cdcUser(), mySql.cdcPassword(), kafka.bootstrapServers(), "preflight-keyless",
                "[preflight.orders, preflight.audit_log]", ""));

        assertThat(checked.exit()).as(checked.out()).isEqualTo(1);
        assertThat(checked.line("tables")).startsWith("FAIL").contains("table preflight.audit_log has no sharding key")
                .contains("Fix: add a primary key, configure partition.sharding-columns.preflight.audit_log", "partition.no-key");
        assertThat(checked.summary()).startsWith("result: FAIL - 1 failed (tables)");
    }

    @Test
    void aCheckpointRoutedWithAnotherPartitionCountFailsWithTheRepartitionFix(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        String topic = "preflight-repartition";
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(8), Optional.empty()))).all().get(1, TimeUnit.MINUTES);
        }
        Path file = write(config(mySql, mySql.cdcUser(), mySql.cdcPassword(), kafka.bootstrapServers(), topic, "[preflight.orders]", ""));
        OrderlySettings settings = Orderly.loadSettings(file, Map.of());
        Orderly.offsetStore(settings).commit(new Checkpoint(new SourcePosition("{}", "mysql-bin.000001:4"), 12, 4));

        Checked checked = check(file);

        assertThat(checked.exit()).as(checked.out()).isEqualTo(1);
        assertThat(checked.line("topic")).startsWith("PASS").contains(topic + " exists with 8 partitions");
        assertThat(checked.line("partition count")).startsWith("FAIL")
                .contains("topic " + topic + " has 8 partitions, but the checkpoint's records were routed with 4 (epoch 0, up to seq 12)")
                .contains("--accept-repartition", "give the topic its 4 partitions back");
    }

    @Test
    void aWrongPasswordAndABrokerThatDoesNotAnswerFailWithWhatToCheck(EmbeddedMySql mySql) throws Exception {
        Checked checked = check(config(mySql, mySql.cdcUser(), "not-the-password", "127.0.0.1:1", "preflight-unreachable", "[preflight.orders]", ""));

        assertThat(checked.exit()).as(checked.out()).isEqualTo(1);
        assertThat(checked.line("source connection")).startsWith("FAIL").contains("Access denied for user 'orderly_cdc'")
                .contains("fix: check source.user and source.password");
        assertThat(checked.line("kafka brokers")).startsWith("FAIL").contains("no answer from 127.0.0.1:1 within 10 s")
                .contains("fix: check sink.bootstrap-servers");
        assertThat(checked.out()).as("checks that need a connection are skipped").doesNotContain("binlog_format", "  topic ");
        assertThat(checked.line("producer settings")).startsWith("PASS");
        assertThat(checked.summary()).startsWith("result: FAIL - 2 failed (source connection, kafka brokers)");
    }

    /**
     * A configuration as an operator writes it, the password in a private file; {@code sinkExtra} lines
     * go under {@code sink:}.
     */
    private static String config(EmbeddedDatabase database, String user, String password, String bootstrapServers, String topic, String include,
                                 String partitionExtra, String... sinkExtra) {
        return """
                name: %s
                state-directory: %s
                source:
                  type: %s
                  host: %s
                  port: %d
                  user: %s
                  password: ${file:%s}
                  server-id: 6201
                  include: %s
                sink:
                  bootstrap-servers: %s
                  topic: %s
                  partitions: 4
                %spartition:
                  mode: hash
                %s""".formatted(topic, RealServers.workDirectory(topic), database.flavour(), database.host(), database.port(), user,
                passwordFile(password),
                include, bootstrapServers, topic, String.join("", sinkExtra), partitionExtra);
    }

    private static Path passwordFile(String password) {
        try {
            Path file = Files.createTempFile(RealServers.workDirectory("preflight"), "password-", "");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return Files.writeString(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Checked check(String config) throws Exception {
        return check(write(config));
    }

    private static Checked check(Path config) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long started = System.nanoTime();
        int exit = OrderlyCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "check", "--config", config.toString());
        System.out.printf("[it] orderly check took %.1f s, exit %d:%n%s", (System.nanoTime() - started) / 1e9, exit, out);
        return new Checked(exit, out + (err.toString().isEmpty() ? "" : "\nstandard error:\n" + err));
    }

    private static Path write(String config) throws Exception {
        Path file = Files.createTempFile(RealServers.workDirectory("preflight"), "orderly-", ".yaml");
        Files.writeString(file, config);
        return file;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static Set<String> topics(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            return admin.listTopics().names().get(1, TimeUnit.MINUTES);
        }
    }

    /** What {@code orderly check} printed. */
    private record Checked(int exit, String out) {

        List<String> lines() {
            return out.lines().toList();
        }

        String summary() {
            List<String> lines = lines();
            return lines.get(lines.size() - 1);
        }

        /** The lines of checks, without the summary and continuation lines. */
        List<String> checkLines() {
            return lines().stream().filter(line -> line.matches("[A-Z]{4}  .*")).toList();
        }

        /** The line of the named check. */
        String line(String name) {
            return checkLines().stream().filter(line -> line.substring(6).matches(java.util.regex.Pattern.quote(name) + " +.*")).findFirst()
                    .orElseThrow(() -> new AssertionError("no check named '" + name + "' in:\n" + out));
        }
    }
}
