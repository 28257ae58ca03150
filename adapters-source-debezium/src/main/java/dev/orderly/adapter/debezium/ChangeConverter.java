package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Turns a Debezium change record (the before/after/source/op envelope) into a {@link ChangeEvent}. */
final class ChangeConverter {

    /** The source fields a record's {@code source} block keeps. */
    private static final List<String> SOURCE_FIELDS = List.of("server_id", "file", "pos", "row", "gtid", "ts_ms");

    private ChangeConverter() {
    }

    static boolean isChange(SourceRecord record) {
        return record.value() instanceof Struct value && value.schema().field("op") != null && value.schema().field("source") != null;
    }

    /** Whether a change record is a row read by the initial snapshot (op {@code r}), not a change of the binlog. */
    static boolean isSnapshotRead(SourceRecord record) {
        return "r".equals(((Struct) record.value()).getString("op"));
    }

    /**
     * Whether Debezium marked a snapshot read as the last row of its table or of the whole snapshot
     * ({@code source.snapshot} {@code last_in_data_collection} or {@code last}).
     */
    static boolean isLastOfTable(SourceRecord record) {
        Object marker = snapshotMarker(((Struct) record.value()).getStruct("source"));
        return "last_in_data_collection".equals(marker) || "last".equals(marker);
    }

    /**
     * The change, or empty for operations orderly does not stream (truncate, messages). A snapshot read
     * keeps Debezium's {@code source.snapshot} marker ({@code true}, {@code first}, {@code last}…) in its
     * source block, after the other fields.
     */
    static Optional<ChangeEvent> convert(SourceRecord record) {
        Struct value = (Struct) record.value();
        Struct source = value.getStruct("source");
        TableId table = new TableId(source.getString("db"), source.getString("table"));
        Map<String, Object> position = sourceBlock(source);
        return switch (value.getString("op")) {
            case "r" -> {
                Object marker = snapshotMarker(source);
                position.put("snapshot", marker == null ? "true" : marker);
                yield Optional.of(ChangeEvent.read(table, row(value.getStruct("after")), position));
            }
            case "c" -> Optional.of(ChangeEvent.insert(table, row(value.getStruct("after")), position));
            case "u" -> Optional.of(ChangeEvent.update(table, row(value.getStruct("before")), row(value.getStruct("after")), position));
            case "d" -> Optional.of(ChangeEvent.delete(table, row(value.getStruct("before")), position));
            default -> Optional.empty();
        };
    }

    /** The {@code snapshot} field of a source block as text, or null when it has none. */
    private static Object snapshotMarker(Struct source) {
        Object marker = source.schema().field("snapshot") == null ? null : source.get("snapshot");
        return marker == null ? null : marker.toString();
    }

    /** The transaction id Debezium attached to a change, or null. */
    static String transactionId(SourceRecord record) {
        Struct value = (Struct) record.value();
        if (value.schema().field("transaction") == null) {
            return null;
        }
        Struct transaction = value.getStruct("transaction");
        return transaction == null ? null : transaction.getString("id");
    }

    /** The source fields orderly keeps, in {@link #SOURCE_FIELDS} order, without nulls. */
    static Map<String, Object> sourceBlock(Struct source) {
        Map<String, Object> block = new LinkedHashMap<>();
        for (String name : SOURCE_FIELDS) {
            if (source.schema().field(name) != null) {
                Object fieldValue = source.get(name);
                if (fieldValue != null) {
                    block.put(name, fieldValue);
                }
            }
        }
        return block;
    }

    private static Row row(Struct struct) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            values.put(field.name(), plain(struct.get(field)));
        }
        return Row.of(values);
    }

    /** Connect values to the plain types the domain knows; see Row. */
    private static Object plain(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof Struct || value instanceof List || value instanceof Map) {
            return value.toString();
        }
        if (value instanceof java.util.Date date) {
            return date.getTime();
        }
        return value;
    }
}
