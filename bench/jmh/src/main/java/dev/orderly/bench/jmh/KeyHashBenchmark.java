package dev.orderly.bench.jmh;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.ordering.KeyEncoding;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.ShardingKey;
import dev.orderly.plugin.builtin.HashRule;
import dev.orderly.ports.spi.PartitionInput;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.RuleOptions;
import java.util.List;
import java.util.Map;
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
 * A row's sharding key to its partition (H7, docs/HASH.md), step by step: {@link ShardingColumns#keyOf}
 * (project the key columns and encode them once), {@link KeyEncoding#encode} alone, {@link KeyHash#murmur2}
 * alone, the {@code hash} rule as the pipeline calls it (a {@link PartitionInput} per change), and the
 * whole path from row to partition. Each invocation takes the next of {@value #ROWS} distinct rows, so
 * keys vary in value and length as in a real stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyHashBenchmark {

    private static final int ROWS = 1024;
    private static final int PARTITIONS = 8;

    @Param
    public OrdersTable.KeyColumns key;

    private ShardingColumns columns;
    private PartitionRule rule;
    private final ChangeEvent[] changes = new ChangeEvent[ROWS];
    private final List<?>[] keyValues = new List<?>[ROWS];
    private final ShardingKey[] keys = new ShardingKey[ROWS];
    private final byte[][] encodedKeys = new byte[ROWS][];
    private int next;

    @Setup
    public void setUp() {
        columns = key.columns();
        HashRule hash = new HashRule();
        rule = hash.create(RuleOptions.validate(hash, Map.of()));
        OrdersTable table = new OrdersTable(7, OrdersTable.RowSize.SMALL);
        for (int i = 0; i < ROWS; i++) {
            changes[i] = table.insert();
            keyValues[i] = changes[i].after().project(columns.columns());
            keys[i] = columns.keyOf(changes[i].after());
            encodedKeys[i] = keys[i].encoded();
        }
    }

    private int nextIndex() {
        return next++ & (ROWS - 1);
    }

    /** Projecting the key columns out of the row and encoding them: what every change pays once. */
    @Benchmark
    public ShardingKey keyOf() {
        return columns.keyOf(changes[nextIndex()].after());
    }

    /** The canonical encoding alone (the Kafka key and the hash input). */
    @Benchmark
    public byte[] encode() {
        return KeyEncoding.encode(keyValues[nextIndex()]);
    }

    /** MurmurHash2 of an encoded key alone. */
    @Benchmark
    public int murmur2() {
        return KeyHash.murmur2(encodedKeys[nextIndex()]);
    }

    /** The {@code hash} rule given a resolved key, wrapped in a {@link PartitionInput} as the pipeline does. */
    @Benchmark
    public int hashRule() {
        int i = nextIndex();
        return rule.partition(new PartitionInput(changes[i], keys[i], columns, OrdersTable.KEYS, PARTITIONS));
    }

    /** Row to partition: key projection, encoding, the rule's input and the hash. */
    @Benchmark
    public int rowToPartition() {
        ChangeEvent change = changes[nextIndex()];
        ShardingKey shardingKey = columns.keyOf(change.latestImage());
        return rule.partition(new PartitionInput(change, shardingKey, columns, OrdersTable.KEYS, PARTITIONS));
    }
}
