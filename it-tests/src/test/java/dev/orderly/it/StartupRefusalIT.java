package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.cli.OrderlyCommand;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code orderly run} against a real MySQL and Kafka refuses to start, with exit code 2, a message
 * that names the table and the fix, and nothing written to Kafka.
 */
@ExtendWith(RealServers.class)
class StartupRefusalIT {

    private static final String SCHEMA = "refusal";

    @BeforeAll
    static void createTables(EmbeddedMySql mySql) {
        mySql.execute(WorkloadSchema.ddl(SCHEMA).toArray(String[]::new));
    }

    @Test
    void aKeylessTableInHashModeStopsTheStartAndNamesTheTableAndTheFix(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        String topic = "refusal-keyless";
        StringWriter err = new StringWriter();

        int exit = run(config(mySql, kafka, topic, "[refusal.customers, refusal.audit_log]", ""), err);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("table refusal.audit_log has no sharding key")
                .contains("add a primary key, configure partition.sharding-columns.refusal.audit_log")
                .contains("partition.no-key");
        assertThat(topics(kafka)).doesNotContain(topic);
    }

    @Test
    void aShardingColumnTheTableLacksStopsTheStartAndListsItsColumns(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        String topic = "refusal-column";
        StringWriter err = new StringWriter();

        int exit = run(config(mySql, kafka, topic, "[refusal.orders]", """
                  sharding-columns:
                    refusal.orders: [customer]
                """), err);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("partition.sharding-columns.refusal.orders names column(s) [customer]")
                .contains("[id, customer_id, amount, status]");
        assertThat(topics(kafka)).doesNotContain(topic);
    }

    @Test
    void aTableThatDoesNotExistIsNamedBesideTheTablesThatDo(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        StringWriter err = new StringWriter();

        int exit = run(config(mySql, kafka, "refusal-missing", "[refusal.ordres]", ""), err);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("table refusal.ordres is in source.include but does not exist")
                .contains("refusal.orders");
    }

    private static String config(EmbeddedMySql mySql, EmbeddedKafka kafka, String topic, String include, String partitionExtra) {
        return """
                name: %s
                state-directory: %s
                source:
                  type: mysql
                  host: %s
                  port: %d
                  user: %s
                  password: "%s"
                  server-id: 6001
                  include: %s
                sink:
                  bootstrap-servers: %s
                  topic: %s
                partition:
                  mode: hash
                %s""".formatted(topic, RealServers.workDirectory(topic), mySql.host(), mySql.port(), mySql.cdcUser(),
                OrderlyConfigFile.secretReference(RealServers.workDirectory(topic + "-secret").resolve("password"), mySql.cdcPassword()),
                include, kafka.bootstrapServers(), topic, partitionExtra);
    }

    private static int run(String config, StringWriter err) throws Exception {
        Path file = OrderlyConfigFile.writePrivately(Files.createTempFile("orderly-it-", ".yaml"), config);
        return OrderlyCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "run", "--config", file.toString());
    }

    private static Set<String> topics(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }
}
