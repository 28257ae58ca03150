package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ModeReport;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.app.demo.ScenarioReport;
import dev.orderly.sandbox.EmbeddedDatabase;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMariaDb;
import dev.orderly.sandbox.EmbeddedMySql;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ordering contract end to end, for each source and each mode: 8 concurrent writers and 20,000
 * committed changes (hot keys, primary-key and sharding-column changes, delete and re-insert,
 * transactions over three tables, rollbacks) streamed into a real Kafka broker, read back and checked
 * with the order verifier against the commit order the server itself lists, then replayed against
 * the source tables' final contents.
 */
@ExtendWith(RealServers.class)
class OrderingContractIT {

    private static final int WRITERS = 8;
    private static final int CHANGES = 20_000;

    @Test
    void mySqlStreamsInBothModesWithoutAViolation(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        assertContractHolds(mySql, kafka.bootstrapServers(), "contract_mysql");
    }

    @Test
    void mariaDbStreamsInBothModesWithoutAViolation(EmbeddedMariaDb mariaDb, EmbeddedKafka kafka) throws Exception {
        assertContractHolds(mariaDb, kafka.bootstrapServers(), "contract_mariadb");
    }

    private static void assertContractHolds(EmbeddedDatabase database, String bootstrapServers, String schema) throws Exception {
        ScenarioOptions options = new ScenarioOptions(schema, WRITERS, CHANGES, 7, 8, List.of("one_partition", "hash"),
                RealServers.workDirectory(schema));

        long started = System.nanoTime();
        ScenarioReport report = new DemoScenario(database, bootstrapServers, options).run();
        System.out.printf("[it] %s: %,d changes in %,d transactions (%,d rolled back, %,d conflicts), workload %.1f s, scenario %.1f s%n",
                database.flavour(), report.workload().changes(), report.workload().transactions(), report.workload().rolledBack(),
                report.workload().conflicts(), report.workload().elapsed().toMillis() / 1000.0, (System.nanoTime() - started) / 1e9);

        assertThat(report.workload().changes()).isGreaterThanOrEqualTo(CHANGES);
        for (ModeReport mode : report.modes()) {
            System.out.printf("[it] %s %s: %s; caught up %.1f s after the workload started%n", database.flavour(), mode.mode(),
                    mode.verification().summary(), mode.catchUpMillis() / 1000.0);
            assertThat(mode.verification().violations()).as("%s %s violations", database.flavour(), mode.mode()).isEmpty();
            assertThat(mode.replayProblems()).as("%s %s replay", database.flavour(), mode.mode()).isEmpty();
            assertThat(mode.verification().transactions()).isEqualTo(report.workload().transactions());
        }
        ModeReport onePartition = report.modes().get(0);
        ModeReport hash = report.modes().get(1);
        assertThat(onePartition.verification().partitionsUsed()).containsExactly(0);
        assertThat(onePartition.verification().records()).isEqualTo(report.workload().changes());
        assertThat(hash.verification().partitionsUsed()).hasSize(8);
        assertThat(hash.verification().records()).as("key changes are split in two").isGreaterThan(report.workload().changes());
    }
}
