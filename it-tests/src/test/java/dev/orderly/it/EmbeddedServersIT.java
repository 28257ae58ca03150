package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.sandbox.EmbeddedDatabase;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.SandboxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starts each sandbox server once (real MySQL 8.0, MariaDB 11.4 and a Kafka broker in its own JVM)
 * and checks what the rest of the project relies on: binlog in row format, the admin and CDC accounts,
 * a working broker, and that every server comes back with its data after {@code restart()}.
 */
class EmbeddedServersIT {

    @TempDir
    static Path workDir;

    private static EmbeddedKafka kafka;
    private static EmbeddedMySql mysql;
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void startServers() {
        kafka = timed("Kafka", () -> EmbeddedKafka.start(workDir.resolve("kafka")));
        mysql = timed("MySQL", () -> EmbeddedMySql.start(workDir.resolve("mysql")));
        mariaDb = timed("MariaDB", () -> EmbeddedMariaDb.start(workDir.resolve("mariadb")));
    }

    @AfterAll
    static void stopServers() {
        AssertionError failure = null;
        for (AutoCloseable server : new AutoCloseable[] {mariaDb, mysql, kafka}) {
            if (server != null) {
                try {
                    server.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new AssertionError("Could not stop " + server, e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The servers under test. The tests set {@code autoCloseArguments = false}: JUnit would otherwise
     * close, that is stop, these AutoCloseable servers after each test.
     */
    static Stream<EmbeddedDatabase> databases() {
        return Stream.of(mysql, mariaDb);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void adminWritesRowsIntoARowFormatBinlog(EmbeddedDatabase database) throws SQLException {
        database.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, item VARCHAR(40) NOT NULL)",
                "INSERT INTO shop.orders VALUES (1, 'teapot')");

        try (Connection connection = admin(database, "shop")) {
            assertThat(queryRow(connection, "SELECT @@log_bin, @@binlog_format, @@binlog_row_image"))
                    .containsExactly("1", "ROW", "FULL");
            List<String> masterStatus = queryRow(connection, "SHOW MASTER STATUS");
            assertThat(masterStatus.get(0)).startsWith("mysql-bin.");
            assertThat(Long.parseLong(masterStatus.get(1))).isGreaterThan(4);
            if (database.flavour().equals("mysql")) {
                assertThat(queryRow(connection, "SELECT @@gtid_mode")).containsExactly("ON");
                assertThat(masterStatus.get(4)).as("executed GTID set").isNotEmpty();
            } else {
                assertThat(queryRow(connection, "SELECT @@gtid_binlog_pos").get(0)).matches("0-1-\\d+");
            }
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void cdcUserReadsButDoesNotWrite(EmbeddedDatabase database) throws SQLException {
        database.execute(
                "CREATE DATABASE inventory",
                "CREATE TABLE inventory.items (id INT PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO inventory.items VALUES (7, 'kettle')");

        try (Connection connection = DriverManager.getConnection(
                database.jdbcUrl("inventory"), database.cdcUser(), database.cdcPassword())) {
            assertThat(queryRow(connection, "SELECT name FROM items WHERE id = 7")).containsExactly("kettle");
            assertThat(queryRow(connection, "SHOW BINARY LOGS").get(0)).startsWith("mysql-bin.");
            assertThat(String.join("\n", queryColumn(connection, "SHOW GRANTS")))
                    .contains("REPLICATION SLAVE", "RELOAD", "LOCK TABLES");
            assertThatThrownBy(() -> execute(connection, "INSERT INTO items VALUES (8, 'pan')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(""), database.cdcUser(), "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("denied");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void restartKeepsPortDataAndBinlog(EmbeddedDatabase database) throws SQLException {
        database.execute(
                "CREATE DATABASE durable",
                "CREATE TABLE durable.notes (id INT PRIMARY KEY, text VARCHAR(40))",
                "INSERT INTO durable.notes VALUES (1, 'before restart')");
        int port = database.port();
        List<String> binlogsBefore;
        try (Connection connection = admin(database, "")) {
            binlogsBefore = queryColumn(connection, "SHOW BINARY LOGS");
        }

        long started = System.nanoTime();
        database.restart();
        log(database.flavour() + " restart", started);

        assertThat(database.port()).isEqualTo(port);
        database.execute("INSERT INTO durable.notes VALUES (2, 'after restart')");
        try (Connection connection = admin(database, "durable")) {
            assertThat(queryColumn(connection, "SELECT text FROM notes ORDER BY id"))
                    .containsExactly("before restart", "after restart");
            assertThat(queryColumn(connection, "SHOW BINARY LOGS"))
                    .as("a restart opens a new binlog file and keeps the old ones")
                    .containsAll(binlogsBefore)
                    .hasSizeGreaterThan(binlogsBefore.size());
        }
        try (Connection connection = DriverManager.getConnection(
                database.jdbcUrl("durable"), database.cdcUser(), database.cdcPassword())) {
            assertThat(queryColumn(connection, "SELECT id FROM notes")).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("databases")
    void describesItself(EmbeddedDatabase database) {
        assertThat(database.host()).isEqualTo("127.0.0.1");
        assertThat(database.flavour()).isIn("mysql", "mariadb");
        assertThat(database.jdbcUrl("shop"))
                .isEqualTo("jdbc:" + database.flavour() + "://127.0.0.1:" + database.port() + "/shop");
        assertThat(database.adminUser()).isEqualTo("orderly_admin");
        assertThat(database.cdcUser()).isEqualTo("orderly_cdc");
        assertThatThrownBy(() -> database.jdbcUrl("shop; DROP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'shop; DROP'");
    }

    @Test
    void refusesToStartOnTopOfExistingData() {
        assertThatThrownBy(() -> EmbeddedMySql.start(workDir.resolve("mysql")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining(workDir.resolve("mysql").resolve("data").toString())
                .hasMessageContaining("already has content");
    }

    @Test
    void kafkaCreatesAndDescribesTopicsAndKeepsThemAcrossRestart() throws Exception {
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(describe(admin, "orders").partitions()).hasSize(3);
        }

        String bootstrapServers = kafka.bootstrapServers();
        long started = System.nanoTime();
        kafka.restart();
        log("Kafka restart", started);

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
        assertThat(kafka.isRunning()).isTrue();
        try (Admin admin = admin(kafka)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("orders");
            assertThat(describe(admin, "orders").partitions()).hasSize(3);
        }
    }

    private static Admin admin(EmbeddedKafka broker) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    private static Connection admin(EmbeddedDatabase database, String schema) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(schema), database.adminUser(), database.adminPassword());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first row of the result, every column as a string. */
    private static List<String> queryRow(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as("a row from " + sql).isTrue();
            List<String> row = new ArrayList<>();
            for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                row.add(result.getString(column));
            }
            return row;
        }
    }

    /** The first column of every row. */
    private static List<String> queryColumn(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    private static <T> T timed(String what, Supplier<T> start) {
        long started = System.nanoTime();
        T server = start.get();
        log(what + " start", started);
        return server;
    }

    private static void log(String what, long startedNanos) {
        System.out.printf("%s took %d ms%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
