package dev.orderly.bench;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.TransactionRouter;
import dev.orderly.plugin.json.JsonMessageFormat;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.RecordHeaders;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records orderly would send for a backlog, formatted beforehand so that the sink ceilings
 * measure the producer alone: each transaction routed by the production {@link TransactionRouter}
 * with {@code hash} over N partitions and sharding column {@code customer_id}, the value in the
 * {@code json} format, the key the encoded sharding key, the headers {@link RecordHeaders#ofRow}. The
 * source block imitates Debezium's for MySQL with GTIDs (same fields, similar lengths).
 *
 * <p>Layout, per record: partition (int), key length and bytes, value length and bytes, header
 * count (byte), then per header its name ({@code writeUTF}), value length and bytes.
 */
final class FeedFile {

    private static final String SERVER_UUID = "9c2f6a1e-c9d3-11f0-8a3e-0242ac110002";

    /** One record of the feed. */
    record Entry(int partition, byte[] key, byte[] value, String[] headerNames, byte[][] headerValues) {
    }

    private FeedFile() {
    }

    /** Writes the feed of {@code workload} for {@code partitions} partitions. */
    static void write(Path file, Workload workload, BenchRows rows, int partitions) {
        MessageFormatPort format = new JsonMessageFormat();
        ShardingColumns columns = new ShardingColumns(BenchRows.TABLE_ID, List.of(BenchRows.SHARDING_COLUMN), ShardingColumns.Origin.CONFIGURED);
        TransactionRouter router = new TransactionRouter(table -> columns, (change, key, count) -> KeyHash.partition(key, count), "hash", true);
        long timestamp = System.currentTimeMillis();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            long id = 1;
            long position = 4_000;
            for (int transaction = 1; transaction <= workload.transactions(); transaction++) {
                String gtid = SERVER_UUID + ":" + (transaction + 20);
                List<ChangeEvent> changes = new ArrayList<>(workload.rowsPerTransaction());
                for (int row = 0; row < workload.rowsPerTransaction(); row++) {
                    Map<String, Object> source = new LinkedHashMap<>();
                    source.put("server_id", 1L);
                    source.put("file", "mysql-bin.000002");
                    source.put("pos", position + (row / 40) * 8_200L);
                    source.put("row", row % 40);
                    source.put("gtid", gtid);
                    source.put("ts_ms", timestamp);
                    changes.add(ChangeEvent.insert(BenchRows.TABLE_ID, rows.row(id++), source));
                }
                position += (long) workload.rowsPerTransaction() * (workload.noteBytes() + 40) + 300;
                Transaction whole = new Transaction(gtid, changes, new SourcePosition(gtid, "after " + gtid));
                for (RoutedRecord record : router.route(whole, transaction, partitions)) {
                    byte[] key = record.key().isNone() ? new byte[0] : record.key().encoded();
                    byte[] value = format.value(record);
                    Map<String, byte[]> headers = RecordHeaders.ofRow(record.txn(), record.schemaVersion());
                    out.writeInt(record.partition());
                    out.writeInt(key.length);
                    out.write(key);
                    out.writeInt(value.length);
                    out.write(value);
                    out.writeByte(headers.size());
                    for (Map.Entry<String, byte[]> header : headers.entrySet()) {
                        out.writeUTF(header.getKey());
                        out.writeInt(header.getValue().length);
                        out.write(header.getValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the feed " + file, e);
        }
    }

    /**
     * @throws java.io.EOFException at the end of the feed
     */
    static Entry read(DataInputStream in) throws IOException {
        int partition = in.readInt();
        byte[] key = new byte[in.readInt()];
        in.readFully(key);
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        int count = in.readUnsignedByte();
        String[] names = new String[count];
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            names[i] = in.readUTF();
            values[i] = new byte[in.readInt()];
            in.readFully(values[i]);
        }
        return new Entry(partition, key.length == 0 ? null : key, value, names, values);
    }

    static String describe(Path file) {
        try {
            return String.format("%s (%,d MB)", file, Files.size(file) >> 20);
        } catch (IOException e) {
            return file.toString();
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
