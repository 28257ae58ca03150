package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.cli.OrderlyCommand;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.EmbeddedDatabase;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.workload.WorkloadResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults of the source database while orderly streams from it: a restart (same port and data), after
 * which orderly reconnects and resumes from its position; and a binlog purged past the checkpoint,
 * after which orderly refuses to go on rather than skip changes silently.
 *
 * <p>The MySQL and MariaDB servers are this class's own, since it restarts them and purges their
 * binlogs; Kafka is the shared one. The workload does not survive a lost connection, so its writers pause around the
 * restart: one phase before, one after.
 */
@ExtendWith(RealServers.class)
class SourceFaultIT {

    private static final int PARTITIONS = 8;
    private static EmbeddedMySql mySql;
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void startOwnDatabases() {
        long started = System.nanoTime();
        mySql = EmbeddedMySql.start(RealServers.workDirectory("source-fault-mysql"));
        mariaDb = EmbeddedMariaDb.start(RealServers.workDirectory("source-fault-mariadb"));
        System.out.printf("[it] own MySQL and MariaDB for SourceFaultIT started in %.1f s%n", seconds(started));
    }

    @AfterAll
    static void stopOwnDatabases() {
        if (mySql != null) {
            mySql.close();
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    private static EmbeddedDatabase database(String flavour) {
        return flavour.equals("mysql") ? mySql : mariaDb;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aDatabaseRestartWhileStreamingLosesAndReordersNothing(String flavour, EmbeddedKafka kafka) throws Exception {
        EmbeddedDatabase database = database(flavour);
        PhasedWorkload workload = new PhasedWorkload(database, kafka.bootstrapServers(), "source-restart-" + flavour, 2, PARTITIONS).createSchemas();
        OrderlySettings settings = workload.settings(Duration.ofMinutes(1), 6101);
        PhasedWorkload.Running running = workload.start(settings);
        try {
            WorkloadResult first = workload.write(1, 4, 3_000, 11);
            System.out.printf("[it] source restart (%s): phase 1 wrote %,d changes in %,d transactions; orderly had %s when the restart began%n",
                    flavour, first.changes(), first.transactions(), running.run().progress());

            long restart = System.nanoTime();
            database.restart();
            System.out.printf("[it] source restart (%s): the database restarted in %.1f s%n", flavour, seconds(restart));

            WorkloadResult second = workload.write(2, 4, 3_000, 12);
            long written = System.nanoTime();
            workload.awaitAcknowledged(running);
            System.out.printf("[it] source restart (%s): phase 2 wrote %,d changes in %,d transactions; everything acknowledged %.1f s after the"
                    + " writers finished, %.1f s after the restart began%n", flavour, second.changes(), second.transactions(), seconds(written), seconds(restart));
        } finally {
            running.run().stop();
        }
        assertThat(running.run().failure()).as("pipeline failure").isEmpty();

        List<ConsumedRecord> records = workload.readBack(settings);
        VerificationReport report = workload.verify(records);
        System.out.println("[it] source restart (" + flavour + "): " + report.summary());
        assertThat(report.violations()).as("violations").isEmpty();
        assertThat(report.transactions()).isEqualTo(workload.transactionsWritten());
        assertThat(workload.replayProblems(records)).as("replay").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aBinlogPurgedPastTheCheckpointStopsOrderlyWithWhatToDo(String flavour, EmbeddedKafka kafka) throws Exception {
        EmbeddedDatabase database = database(flavour);
        PhasedWorkload workload = new PhasedWorkload(database, kafka.bootstrapServers(), "source-purge-" + flavour, 2, PARTITIONS).createSchemas();
        OrderlySettings settings = workload.settings(Duration.ofMinutes(1), 6102);
        PhasedWorkload.Running running = workload.start(settings);
        try {
            workload.write(1, 4, 1_000, 21);
            workload.awaitAcknowledged(running);
        } finally {
            running.run().stop();
        }
        assertThat(running.run().failure()).as("pipeline failure").isEmpty();
        String checkpoint = Files.readString(workload.checkpointFile());
        String position = checkpointValue(checkpoint, "position.description");

        WorkloadResult whileStopped = workload.write(2, 2, 500, 22);
        workload.history();
        String purgedTo = purgeEveryBinlogButTheCurrent(database);
        System.out.printf("[it] source purge (%s): checkpoint at %s; %,d transactions written while stopped; binlogs purged up to %s%n", flavour, position,
                whileStopped.transactions(), purgedTo);

        StringWriter err = new StringWriter();
        long started = System.nanoTime();
        Path config = configFile(workload, database, kafka);
        // Bounded: an orderly that skipped the purged changes would stream on instead of exiting.
        int exit = CompletableFuture.supplyAsync(() -> OrderlyCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "run",
                "--config", config.toString())).get(2, TimeUnit.MINUTES);
        System.out.printf("[it] source purge (%s): orderly run exited with %d after %.1f s: %s%n", flavour, exit, seconds(started), err.toString().trim());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("The source no longer has the binlog at the checkpoint position " + position
                        + " (purged by the server). orderly will not skip changes silently. To continue: ")
                .contains("checkpoint.properties in " + workload.stateDirectory())
                .contains("binlog_expire_logs_seconds");
        assertThat(Files.readString(workload.checkpointFile())).as("the checkpoint after the refused start").isEqualTo(checkpoint);
        assertThat(workload.readBack(settings)).as("records of the changes written while orderly was stopped")
                .noneMatch(record -> record.table().database().equals(workload.database(2)));
    }

    /**
     * Rotates the binlog and purges every file before the new one, as a server's expiry would. A
     * server keeps a file that a binlog dump thread still reads (MariaDB without a word), so this
     * first waits until the stopped pipeline's dump thread is gone, and checks that the purge took.
     */
    private static String purgeEveryBinlogButTheCurrent(EmbeddedDatabase database) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(""), database.adminUser(), database.adminPassword());
             Statement statement = connection.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (binlogDumpThreads(statement) > 0) {
                assertThat(System.nanoTime()).as("the stopped pipeline's binlog dump thread ends within 30 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            statement.execute("FLUSH BINARY LOGS");
            String current;
            try (ResultSet status = statement.executeQuery("SHOW MASTER STATUS")) {
                status.next();
                current = status.getString("File");
            }
            // MariaDB keeps the previous file until its binlog checkpoint has moved on, which happens shortly after the flush.
            List<String> left = List.of();
            for (int attempt = 0; attempt < 100 && !left.equals(List.of(current)); attempt++) {
                statement.execute("PURGE BINARY LOGS TO '" + current + "'");
                left = binaryLogs(statement);
                if (!left.equals(List.of(current))) {
                    Thread.sleep(100);
                }
            }
            assertThat(left).as("binlog files after the purge").containsExactly(current);
            return current;
        }
    }

    private static List<String> binaryLogs(Statement statement) throws Exception {
        List<String> logs = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SHOW BINARY LOGS")) {
            while (result.next()) {
                logs.add(result.getString(1));
            }
        }
        return logs;
    }

    private static int binlogDumpThreads(Statement statement) throws Exception {
        int threads = 0;
        try (ResultSet processes = statement.executeQuery("SHOW PROCESSLIST")) {
            while (processes.next()) {
                String command = processes.getString("Command");
                if (command != null && command.startsWith("Binlog Dump")) {
                    threads++;
                }
            }
        }
        return threads;
    }

    private static String checkpointValue(String properties, String key) throws Exception {
        java.util.Properties parsed = new java.util.Properties();
        parsed.load(new java.io.StringReader(properties));
        return parsed.getProperty(key);
    }

    private static Path configFile(PhasedWorkload workload, EmbeddedDatabase database, EmbeddedKafka kafka) throws Exception {
        String config = """
                name: source-purge-%s
                state-directory: %s
                source:
                  type: %s
                  host: %s
                  port: %d
                  user: %s
                  password: "%s"
                  server-id: 6102
                  include: [%s.customers, %s.orders, %s.accounts, %s.customers, %s.orders, %s.accounts]
                sink:
                  bootstrap-servers: %s
                  topic: %s
                  partitions: %d
                partition:
                  mode: hash
                  sharding-columns:
                    %s.orders: [customer_id]
                    %s.orders: [customer_id]
                """.formatted(database.flavour(), workload.stateDirectory(), database.flavour(), database.host(), database.port(), database.cdcUser(),
                OrderlyConfigFile.secretReference(workload.stateDirectory().resolveSibling("source-purge-" + database.flavour() + ".password"),
                        database.cdcPassword()),
                workload.database(1), workload.database(1), workload.database(1), workload.database(2), workload.database(2), workload.database(2),
                kafka.bootstrapServers(), workload.topic(), PARTITIONS, workload.database(1), workload.database(2));
        Path file = workload.stateDirectory().resolveSibling("source-purge-" + database.flavour() + ".yaml");
        return OrderlyConfigFile.writePrivately(file, config);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
