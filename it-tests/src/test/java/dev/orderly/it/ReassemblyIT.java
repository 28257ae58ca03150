package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.app.cli.OrderlyCommand;
import dev.orderly.app.demo.AppliedChange;
import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.app.demo.WholeTransaction;
import dev.orderly.app.demo.WholeTransactions;
import dev.orderly.app.pipeline.PipelineRun;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.TransactionStreamPort;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import dev.orderly.sandbox.workload.SampleWorkload;
import dev.orderly.sandbox.workload.WorkloadOptions;
import dev.orderly.sandbox.workload.WorkloadResult;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DESIGN.md §5, H5 and H6: one concurrent multi-table workload, with a schema change in the middle,
 * is streamed by two pipelines at once, {@code one_partition} and {@code hash} with 8 partitions. The
 * hash topic, read back through the transaction re-assembler (all partitions merged as the
 * watermarks pass), equals the one_partition topic transaction by transaction: same seq, same
 * transaction id, same changes in the same order (a key-changing update that hash split in two halves
 * counts as the one update it was), and the schema change in the same place. The rows of the altered
 * table carry the schema change's seq as their schema version from it on, in both topics, and
 * {@code orderly verify} finds both topics clean (H5 and H6 included).
 */
@ExtendWith(RealServers.class)
class ReassemblyIT {

    private static final String DB = "reassembly_mysql";
    private static final int PARTITIONS = 8;
    private static final String DDL = "ALTER TABLE " + DB + ".orders ADD COLUMN note VARCHAR(40) NULL";

    @Test
    void theReassembledHashTopicEqualsTheOnePartitionTopicTransactionByTransaction(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        DemoScenario scenario = new DemoScenario(mySql, kafka.bootstrapServers(),
                new ScenarioOptions(DB, 8, 4_000, 11, PARTITIONS, List.of("one_partition", "hash"), RealServers.workDirectory("reassembly")));
        mySql.execute(WorkloadSchema.ddl(DB).toArray(String[]::new));
        Map<String, OrderlySettings> pipelines = new LinkedHashMap<>();
        pipelines.put("one_partition", withWatermarkInterval(scenario.settings("one_partition", 5901)));
        pipelines.put("hash", withWatermarkInterval(scenario.settings("hash", 5902)));
        Map<String, PipelineRun> runs = new LinkedHashMap<>();
        long transactions;
        try {
            for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
                runs.put(pipeline.getKey(), Orderly.pipeline(pipeline.getValue()).start());
            }
            for (PipelineRun run : runs.values()) {
                run.streaming().get(2, TimeUnit.MINUTES);
            }
            WorkloadResult before = workload(mySql, "a");
            mySql.execute(DDL);
            WorkloadResult after = workload(mySql, "b");
            transactions = before.transactions() + 1 + after.transactions();
            for (Map.Entry<String, PipelineRun> run : runs.entrySet()) {
                awaitCommitted(run.getKey(), run.getValue(), transactions);
            }
        } finally {
            runs.values().forEach(PipelineRun::stop);
        }

        OrderlySettings one = pipelines.get("one_partition");
        OrderlySettings hash = pipelines.get("hash");
        List<WholeTransaction> onePartition = WholeTransactions.ofOnePartitionTopic(Orderly.topicReader(kafka.bootstrapServers()), one.sink().topic(),
                Orderly.format(one.format()));
        List<WholeTransaction> reassembled;
        try (TransactionStreamPort stream = Orderly.transactionStream(kafka.bootstrapServers(), hash.sink().topic(), hash.format(), 1_000_000)) {
            reassembled = WholeTransactions.ofStream(stream, transactions, Duration.ofMinutes(2));
        }

        System.out.printf("[it] reassembly: %d transactions in each topic (one schema change); the hash topic's %d partitions reassembled%n",
                onePartition.size(), PARTITIONS);
        assertThat(onePartition).hasSize((int) transactions);
        assertThat(reassembled).hasSize((int) transactions);
        for (int i = 0; i < transactions; i++) {
            assertThat(reassembled.get(i)).as("transaction %d of %d", i + 1, transactions).isEqualTo(onePartition.get(i));
        }
        for (Map.Entry<String, OrderlySettings> pipeline : pipelines.entrySet()) {
            StringWriter out = new StringWriter();
            int exit = OrderlyCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "verify",
                    "--bootstrap-servers", kafka.bootstrapServers(), "--topic", pipeline.getValue().sink().topic(), "--mode", pipeline.getKey(),
                    "--writer-stopped");
            System.out.printf("[it] reassembly: orderly verify of the %s topic (watermarks and the schema change included) exits %d%n",
                    pipeline.getKey(), exit);
            assertThat(exit).as("orderly verify of the %s topic:%n%s", pipeline.getKey(), out).isZero();
        }
        long ddlSeq = onePartition.stream().filter(unit -> !unit.schemaChangeOf().isEmpty()).mapToLong(WholeTransaction::seq).findFirst().orElseThrow();
        assertThat(onePartition).allSatisfy(unit -> assertThat(ordersSchemaVersions(unit))
                .as("schema versions of the orders rows of seq %d", unit.seq())
                .allSatisfy(version -> assertThat(version).isEqualTo(unit.seq() < ddlSeq ? 0L : ddlSeq)));
        assertThat(onePartition.stream().filter(unit -> unit.seq() > ddlSeq).flatMap(unit -> ordersSchemaVersions(unit).stream()))
                .as("orders rows after the schema change").isNotEmpty();
    }

    private static WorkloadResult workload(EmbeddedMySql mySql, String label) throws InterruptedException {
        return new SampleWorkload(new WorkloadOptions(DB, 8, 4_000, label.hashCode(), 5, label), mySql.jdbcUrl(DB), mySql.adminUser(),
                mySql.adminPassword()).run();
    }

    private static void awaitCommitted(String mode, PipelineRun run, long transactions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (run.progress().committedSeq() < transactions) {
            assertThat(run.failure()).as("%s pipeline failure", mode).isEmpty();
            assertThat(System.nanoTime()).as("%s committed %s of %d transactions in time", mode, run.progress(), transactions).isLessThan(deadline);
            Thread.sleep(50);
        }
    }





    private static List<Long> ordersSchemaVersions(WholeTransaction transaction) {
        return transaction.changes().stream().filter(change -> change.table().table().equals("orders")).map(AppliedChange::schemaVersion).toList();
    }

    private static OrderlySettings withWatermarkInterval(OrderlySettings settings) {
        return new OrderlySettings(settings.name(), settings.stateDirectory(), settings.source(), settings.sink(), settings.partition(),
                settings.format(), settings.pluginDirectory(), Duration.ofMillis(200));
    }
}
