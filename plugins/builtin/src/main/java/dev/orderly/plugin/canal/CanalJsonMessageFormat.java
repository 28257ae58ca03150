package dev.orderly.plugin.canal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.RoutedSchemaChange;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.plugin.format.JsonValues;
import dev.orderly.plugin.format.OrderlyExtension;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.RecordHeaders;
import java.io.IOException;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code canal-json} format (docs/FORMAT.md): each row record is one Canal flat message of one
 * row: {@code id} (the commit sequence), {@code database}, {@code table}, {@code pkNames},
 * {@code isDdl}, {@code type} ({@code INSERT}, {@code UPDATE}, {@code DELETE}; a row of the initial
 * snapshot is an {@code INSERT} marked {@code "__orderly": {"snapshot": true}}), {@code es} (commit
 * time), {@code ts} (write time), {@code sql}, {@code sqlType} and {@code mysqlType} (inferred from the
 * values), {@code data} (the row as text) and {@code old} (an update's changed columns before it). A
 * schema change is a message with {@code isDdl: true}; what Canal cannot say (split role, schema
 * version, a marker's body) goes in {@link OrderlyExtension#FIELD}.
 */
public final class CanalJsonMessageFormat implements MessageFormatPort {

    public static final String IDENTIFIER = "canal-json";

    private final Clock clock;

    public CanalJsonMessageFormat() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock of {@code ts}: when the message was written */
    CanalJsonMessageFormat(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public byte[] value(RoutedRecord record) {
        ChangeEvent change = record.change();
        Row image = change.operation() == Operation.DELETE ? change.before() : change.after();
        return JsonValues.write(() -> "a canal-json message of " + change.table(), json -> {
            json.writeStartObject();
            writeHead(json, record.txn().seq(), change.table().database(), change.table().table(), primaryKey(record.shardingColumns()), false,
                    canalType(change.operation()), change.source().get("ts_ms"), "");
            writeTypes(json, change);
            json.writeArrayFieldStart("data");
            writeText(json, image.values());
            json.writeEndArray();
            if (change.operation() == Operation.UPDATE) {
                json.writeArrayFieldStart("old");
                writeText(json, changedColumns(change.before(), change.after()));
                json.writeEndArray();
            } else {
                json.writeNullField("old");
            }
            OrderlyExtension.writeRecord(json, record, change.operation() == Operation.READ);
            json.writeEndObject();
        });
    }

    /** Canal's type of a row change; a row of the initial snapshot is an INSERT, as full loads into Canal consumers are. */
    private static String canalType(Operation operation) {
        return switch (operation) {
            case INSERT, READ -> "INSERT";
            case UPDATE -> "UPDATE";
            case DELETE -> "DELETE";
        };
    }

    @Override
    public byte[] schemaChange(RoutedSchemaChange change) {
        // Canal names one table; all of them are in the orderly.ddl.tables header.
        String table = change.change().tables().get(0).table();
        return JsonValues.write(() -> "a canal-json schema change of " + change.change().tables(), json -> {
            json.writeStartObject();
            writeHead(json, change.txn().seq(), change.change().database(), table, null, true, CanalDdlType.of(change.change().ddl()),
                    change.change().source().get("ts_ms"), change.change().ddl());
            writeNoRows(json);
            OrderlyExtension.writeSchemaVersion(json, change.schemaVersion());
            json.writeEndObject();
        });
    }

    @Override
    public byte[] marker(Marker marker) {
        return JsonValues.write(() -> "a canal-json marker " + marker, json -> {
            json.writeStartObject();
            writeHead(json, 0, "", "", null, false, "ORDERLY_" + marker.kind().name(), null, "");
            writeNoRows(json);
            OrderlyExtension.writeMarker(json, marker);
            json.writeEndObject();
        });
    }

    /** The fields every Canal message starts with, in Canal's order, up to {@code sql}. */
    private void writeHead(JsonGenerator json, long id, String database, String table, List<String> pkNames, boolean ddl, String type,
                           Object executedAt, String sql) throws IOException {
        json.writeNumberField("id", id);
        json.writeStringField("database", database);
        json.writeStringField("table", table);
        if (pkNames == null) {
            json.writeNullField("pkNames");
        } else {
            json.writeArrayFieldStart("pkNames");
            for (String column : pkNames) {
                json.writeString(column);
            }
            json.writeEndArray();
        }
        json.writeBooleanField("isDdl", ddl);
        json.writeStringField("type", type);
        json.writeFieldName("es");
        JsonValues.writeValue(json, executedAt);
        json.writeNumberField("ts", clock.millis());
        json.writeStringField("sql", sql);
    }

    private static void writeNoRows(JsonGenerator json) throws IOException {
        json.writeNullField("sqlType");
        json.writeNullField("mysqlType");
        json.writeNullField("data");
        json.writeNullField("old");
    }

    /**
     * The primary key columns when the sharding columns are the primary key; else {@code null}: a table
     * sharded by a unique key or by none has no primary key, and configured columns hide whether it has one.
     */
    private static List<String> primaryKey(ShardingColumns columns) {
        return columns.origin() == ShardingColumns.Origin.PRIMARY_KEY ? columns.columns() : null;
    }

    /** {@code sqlType} and {@code mysqlType}, each column's type inferred from its first non-null value. */
    private static void writeTypes(JsonGenerator json, ChangeEvent change) throws IOException {
        Map<String, CanalColumnType> types = new LinkedHashMap<>();
        for (String column : change.latestImage().values().keySet()) {
            types.put(column, CanalColumnType.of(firstNonNull(column, change.after(), change.before())));
        }
        json.writeObjectFieldStart("sqlType");
        for (Map.Entry<String, CanalColumnType> type : types.entrySet()) {
            json.writeNumberField(type.getKey(), type.getValue().sqlType());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("mysqlType");
        for (Map.Entry<String, CanalColumnType> type : types.entrySet()) {
            json.writeStringField(type.getKey(), type.getValue().mysqlType());
        }
        json.writeEndObject();
    }

    private static Object firstNonNull(String column, Row... images) {
        for (Row image : images) {
            if (image != null && image.get(column) != null) {
                return image.get(column);
            }
        }
        return null;
    }

    /** Writes one row as a Canal data object: every value as text, NULL as null. */
    private static void writeText(JsonGenerator json, Map<String, Object> values) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> column : values.entrySet()) {
            json.writeStringField(column.getKey(), CanalColumnType.text(column.getValue()));
        }
        json.writeEndObject();
    }

    /** The columns whose text differs before and after, with their values before: Canal's {@code old}. */
    private static Map<String, Object> changedColumns(Row before, Row after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> column : before.values().entrySet()) {
            if (!Objects.equals(CanalColumnType.text(column.getValue()), CanalColumnType.text(after.get(column.getKey())))) {
                changed.put(column.getKey(), column.getValue());
            }
        }
        return changed;
    }

    @Override
    public ConsumedRecord read(int partition, long offset, byte[] key, byte[] value, Map<String, byte[]> headers) {
        JsonNode root = JsonValues.readObject(IDENTIFIER, partition, offset, value);
        String where = "record at partition " + partition + " offset " + offset;
        if (!root.hasNonNull("database") || !root.hasNonNull("table") || !root.hasNonNull("type")) {
            throw new IllegalArgumentException(where + " is not a canal-json message: it needs the fields database, table and type");
        }
        if (root.path("isDdl").asBoolean(false)) {
            throw new IllegalArgumentException(where + " is a canal-json DDL message, not a row change; read schema changes from their headers");
        }
        Operation operation = operation(root.get("type").asText(), where);
        if (operation == Operation.INSERT && OrderlyExtension.readSnapshot(root)) {
            operation = Operation.READ;
        }
        JsonNode sqlTypes = root.path("sqlType");
        Row image = readRow(single(root, "data", where), sqlTypes);
        Row before = switch (operation) {
            case INSERT, READ -> null;
            case DELETE -> image;
            case UPDATE -> overlay(image, readRow(single(root, "old", where), sqlTypes));
        };
        return new ConsumedRecord(partition, offset, key,
                new TableId(root.get("database").asText(), root.get("table").asText()),
                operation,
                before,
                operation == Operation.DELETE ? null : image,
                RecordHeaders.readTransactionMark(partition, offset, headers).orElse(null),
                OrderlyExtension.readSplit(root, partition, offset),
                RecordHeaders.schemaVersion(partition, offset, headers));
    }

    private static Operation operation(String type, String where) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "INSERT" -> Operation.INSERT;
            case "UPDATE" -> Operation.UPDATE;
            case "DELETE" -> Operation.DELETE;
            default -> throw new IllegalArgumentException(where + ": type must be INSERT, UPDATE or DELETE but got '" + type + "'");
        };
    }

    /** The one row object of a {@code data} or {@code old} array; orderly writes one row per message. */
    private static JsonNode single(JsonNode root, String field, String where) {
        JsonNode rows = root.path(field);
        if (!rows.isArray() || rows.size() != 1 || !rows.get(0).isObject()) {
            throw new IllegalArgumentException(where + ": " + field + " must be an array of one row object but got " + (rows.isMissingNode() ? "nothing" : rows));
        }
        return rows.get(0);
    }

    /** A row from Canal text, each value parsed by its column's {@code sqlType}; text alone without one. */
    private static Row readRow(JsonNode row, JsonNode sqlTypes) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String text = field.getValue().isNull() ? null : field.getValue().asText();
            JsonNode sqlType = sqlTypes.path(field.getKey());
            values.put(field.getKey(), sqlType.isInt() ? CanalColumnType.parse(sqlType.intValue(), text) : text);
        }
        return Row.of(values);
    }

    /** The row before an update: the row after, with the changed columns' old values. */
    private static Row overlay(Row after, Row old) {
        Map<String, Object> values = new LinkedHashMap<>(after.values());
        values.putAll(old.values());
        return Row.of(values);
    }
}
