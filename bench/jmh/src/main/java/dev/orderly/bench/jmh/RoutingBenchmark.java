package dev.orderly.bench.jmh;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.PartitionChooser;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.ShardingKeyResolver;
import dev.orderly.domain.ordering.TableRouting;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.ports.spi.PartitionInput;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link TransactionRouter#route} of one transaction of {@value #CHANGES} changes to {@code shop.orders}
 * (30% inserts, 60% updates that keep the key, 10% deletes), routed as the pipeline routes it: the rule
 * found through {@link ServiceLoader}, the table's routing looked up in a map, the rule called with a
 * {@link PartitionInput} per change. {@code hash} writes to 8 partitions, {@code one_partition} to 1.
 * One operation is one transaction; changes per second are 1,000 times the score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoutingBenchmark {

    static final int CHANGES = 1_000;

    @Param({"hash", "one_partition"})
    public String rule;

    private TransactionRouter router;
    private Transaction transaction;
    private int partitionCount;

    @Setup
    public void setUp() {
        PartitionRulePort factory = ServiceLoader.load(PartitionRulePort.class).stream().map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.identifier().equals(rule)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no partition rule '" + rule + "' on the class path"));
        PartitionRule created = factory.create(RuleOptions.validate(factory, Map.of()));
        // As Pipeline.resolveRouting: key-based rules split key changes and need a key; others place keyless tables themselves.
        boolean keyBased = factory.guarantee() == OrderingGuarantee.PER_KEY;
        ShardingColumns columns = ShardingKeyResolver.resolve(OrdersTable.KEYS, List.of(), keyBased ? NoKeyPolicy.FAIL : NoKeyPolicy.PARTITION_ZERO);
        PartitionChooser chooser = (change, key, count) -> created.partition(new PartitionInput(change, key, columns, OrdersTable.KEYS, count));
        Map<TableId, TableRouting> routing = Map.of(OrdersTable.TABLE, new TableRouting(columns, chooser, factory.identifier(), keyBased));
        router = new TransactionRouter(table -> {
            TableRouting tableRouting = routing.get(table);
            if (tableRouting == null) {
                throw new IllegalStateException("no routing for " + table);
            }
            return tableRouting;
        });
        partitionCount = keyBased ? 8 : 1;

        OrdersTable table = new OrdersTable(11, OrdersTable.RowSize.SMALL);
        List<ChangeEvent> changes = new ArrayList<>(CHANGES);
        for (int i = 0; i < CHANGES; i++) {
            int kind = i % 10;
            changes.add(kind < 3 ? table.insert() : kind < 9 ? table.update() : table.delete());
        }
        transaction = new Transaction("3e11fa47-71ca-11e1-9e33-c80aa9429562:1570243", changes,
                new SourcePosition("binlog.000042:157024311", "binlog.000042:157024311"));
    }

    @Benchmark
    public List<RoutedRecord> route() {
        return router.route(transaction, 1_234_567L, partitionCount);
    }
}
