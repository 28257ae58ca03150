package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.ColumnMap;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a Debezium change record (the before/after/source/op envelope) into a {@link ChangeEvent}.
 * It runs once for every change, so it finds the envelope's fields once per value schema (Debezium
 * keeps one schema instance per table version) instead of by name for every record. Confined to the
 * engine's thread, like the {@link TransactionAssembler} that owns it.
 */
final class ChangeConverter {

    /** The source fields a record's {@code source} block keeps. */
    private static final List<String> SOURCE_FIELDS = List.of("server_id", "file", "pos", "row", "gtid", "ts_ms");
    /** More value schemas than this means the schemas are not reused; the cache then starts over rather than grow. */
    private static final int MAX_LAYOUTS = 1_024;
    private static final Layout NOT_A_CHANGE = new Layout(null, null, null, null, null, null, null, null, List.of());

    /**
     * Where the fields of one value schema are; {@code op} is null when the schema is not a change envelope.
     * {@code transaction} and {@code snapshot} are null when the schema has none.
     */
    private record Layout(Field op, Field before, Field after, Field source, Field transaction, Field db, Field table, Field snapshot,
                          List<Field> kept) {
    }

    private final Map<Schema, Layout> layouts = new IdentityHashMap<>();
    private TableId lastTable;

    boolean isChange(SourceRecord record) {
        return layout(record).op() != null;
    }

    /** Whether a change record is a row read by the initial snapshot (op {@code r}), not a change of the binlog. */
    boolean isSnapshotRead(SourceRecord record) {
        return "r".equals(((Struct) record.value()).get(layout(record).op()));
    }

    /**
     * Whether Debezium marked a snapshot read as the last row of its table or of the whole snapshot
     * ({@code source.snapshot} {@code last_in_data_collection} or {@code last}).
     */
    boolean isLastOfTable(SourceRecord record) {
        Layout layout = layout(record);
        Object marker = snapshotMarker(layout, ((Struct) record.value()).getStruct(layout.source().name()));
        return "last_in_data_collection".equals(marker) || "last".equals(marker);
    }

    /**
     * The change, or empty for operations orderly does not stream (truncate, messages). A snapshot read
     * keeps Debezium's {@code source.snapshot} marker ({@code true}, {@code first}, {@code last}…) in its
     * source block, after the other fields.
     */
    Optional<ChangeEvent> convert(SourceRecord record) {
        Layout layout = layout(record);
        Struct value = (Struct) record.value();
        Struct source = (Struct) value.get(layout.source());
        TableId table = table((String) source.get(layout.db()), (String) source.get(layout.table()));
        ColumnMap.Builder position = sourceBlock(source, layout.kept());
        return switch ((String) value.get(layout.op())) {
            case "r" -> {
                Object marker = snapshotMarker(layout, source);
                position.put("snapshot", marker == null ? "true" : marker);
                yield Optional.of(ChangeEvent.read(table, row((Struct) value.get(layout.after())), position.build()));
            }
            case "c" -> Optional.of(ChangeEvent.insert(table, row((Struct) value.get(layout.after())), position.build()));
            case "u" -> Optional.of(ChangeEvent.update(table, row((Struct) value.get(layout.before())), row((Struct) value.get(layout.after())),
                    position.build()));
            case "d" -> Optional.of(ChangeEvent.delete(table, row((Struct) value.get(layout.before())), position.build()));
            default -> Optional.empty();
        };
    }

    /** The transaction id Debezium attached to a change, or null. */
    String transactionId(SourceRecord record) {
        Field transactionField = layout(record).transaction();
        if (transactionField == null) {
            return null;
        }
        Struct transaction = (Struct) ((Struct) record.value()).get(transactionField);
        return transaction == null ? null : transaction.getString("id");
    }

    /** The source fields orderly keeps, in {@link #SOURCE_FIELDS} order, without nulls (for records read once, such as schema changes). */
    static Map<String, Object> sourceBlock(Struct source) {
        return sourceBlock(source, keptFields(source.schema())).build();
    }

    /** The non-null values of {@code kept}, with room for one entry more (a snapshot read's marker). */
    private static ColumnMap.Builder sourceBlock(Struct source, List<Field> kept) {
        ColumnMap.Builder block = ColumnMap.builder(kept.size() + 1);
        for (Field field : kept) {
            Object fieldValue = source.get(field);
            if (fieldValue != null) {
                block.put(field.name(), fieldValue);
            }
        }
        return block;
    }

    /** The fields of {@link #SOURCE_FIELDS} a source schema has, in that order. */
    private static List<Field> keptFields(Schema sourceSchema) {
        List<Field> kept = new ArrayList<>();
        for (String name : SOURCE_FIELDS) {
            Field field = sourceSchema.field(name);
            if (field != null) {
                kept.add(field);
            }
        }
        return List.copyOf(kept);
    }

    private Layout layout(SourceRecord record) {
        if (!(record.value() instanceof Struct value)) {
            return NOT_A_CHANGE;
        }
        Layout layout = layouts.get(value.schema());
        if (layout == null) {
            if (layouts.size() >= MAX_LAYOUTS) {
                layouts.clear();
            }
            layout = layoutOf(value.schema());
            layouts.put(value.schema(), layout);
        }
        return layout;
    }

    private static Layout layoutOf(Schema schema) {
        Field op = schema.field("op");
        Field source = schema.field("source");
        if (op == null || source == null) {
            return NOT_A_CHANGE;
        }
        Schema sourceSchema = source.schema();
        return new Layout(op, schema.field("before"), schema.field("after"), source, schema.field("transaction"), sourceSchema.field("db"),
                sourceSchema.field("table"), sourceSchema.field("snapshot"), keptFields(sourceSchema));
    }

    /** The table of a change; changes come in runs of one table, so the last one is kept rather than a new one made each time. */
    private TableId table(String database, String table) {
        TableId last = lastTable;
        if (last != null && last.database().equals(database) && last.table().equals(table)) {
            return last;
        }
        lastTable = new TableId(database, table);
        return lastTable;
    }

    /** The {@code snapshot} field of a source block as text, or null when it has none. */
    private static Object snapshotMarker(Layout layout, Struct source) {
        Object marker = layout.snapshot() == null ? null : source.get(layout.snapshot());
        return marker == null ? null : marker.toString();
    }

    private static Row row(Struct struct) {
        List<Field> fields = struct.schema().fields();
        ColumnMap.Builder values = ColumnMap.builder(fields.size());
        for (Field field : fields) {
            values.put(field.name(), plain(struct.get(field)));
        }
        return Row.of(values.build());
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
