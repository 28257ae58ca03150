package dev.orderly.bench.jmh;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.RecordHeaders;
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
 * A routed record to the bytes the sink sends: {@link MessageFormatPort#value} of each built-in format
 * (found through {@link ServiceLoader}, as the application finds it) for an insert and an update of a
 * small and a 4 KB row, and {@link RecordHeaders#ofRow}, the transaction headers every format shares.
 * Each invocation takes the next of {@value #RECORDS} distinct records of one 1,000-record transaction.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FormatBenchmark {

    static final int RECORDS = 64;

    /** Records of {@code shop.orders}, keyed by its primary key, in one format. */
    @State(Scope.Thread)
    public static class Records {

        @Param({"json", "debezium", "canal-json"})
        public String format;

        @Param
        public OrdersTable.RowSize rowSize;

        @Param({"INSERT", "UPDATE"})
        public Operation operation;

        private MessageFormatPort port;
        private final RoutedRecord[] records = new RoutedRecord[RECORDS];
        private int next;

        @Setup
        public void setUp() {
            port = ServiceLoader.load(MessageFormatPort.class).stream().map(ServiceLoader.Provider::get)
                    .filter(candidate -> candidate.identifier().equals(format)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no format '" + format + "' on the class path"));
            OrdersTable table = new OrdersTable(13, rowSize);
            ShardingColumns columns = OrdersTable.KeyColumns.ID.columns();
            for (int i = 0; i < RECORDS; i++) {
                ChangeEvent change = operation == Operation.UPDATE ? table.update() : table.insert();
                records[i] = new RoutedRecord(change, columns, columns.keyOf(change.latestImage()), i % 8,
                        new TransactionMark("3e11fa47-71ca-11e1-9e33-c80aa9429562:1570243", 1_234_567L, 100 + i, 1_000), SplitRole.NONE);
            }
        }

        RoutedRecord next() {
            return records[next++ & (RECORDS - 1)];
        }
    }

    /** The transaction marks of one 1,000-record transaction, for the headers. */
    @State(Scope.Thread)
    public static class Marks {

        private final TransactionMark[] marks = new TransactionMark[RECORDS];
        private int next;

        @Setup
        public void setUp() {
            for (int i = 0; i < RECORDS; i++) {
                marks[i] = new TransactionMark("3e11fa47-71ca-11e1-9e33-c80aa9429562:1570243", 1_234_567L, 100 + i, 1_000);
            }
        }

        TransactionMark next() {
            return marks[next++ & (RECORDS - 1)];
        }
    }

    @Benchmark
    public byte[] value(Records records) {
        return records.port.value(records.next());
    }

    /** The headers of a row of a table that has seen no schema change (version 0, no version header). */
    @Benchmark
    public Map<String, byte[]> headers(Marks marks) {
        return RecordHeaders.ofRow(marks.next(), 0);
    }
}
