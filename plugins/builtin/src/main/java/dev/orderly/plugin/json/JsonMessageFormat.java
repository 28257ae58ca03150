package dev.orderly.plugin.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.RoutedSchemaChange;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.plugin.format.JsonValues;
import dev.orderly.plugin.format.OrderlyExtension;
import dev.orderly.plugin.format.SplitRoles;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.TransactionHeaders;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The {@code json} format (docs/FORMAT.md): one JSON object per record with op, db, table, before,
 * after, the sharding key, the split role of a key-change half, the schema version, the transaction
 * mark and the source position; schema changes and markers are JSON objects of their own.
 */
public final class JsonMessageFormat implements MessageFormatPort {

    public static final String IDENTIFIER = "json";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public byte[] value(RoutedRecord record) {
        return JsonValues.write(() -> "a json record of " + record.change().table(), json -> {
            json.writeStartObject();
            json.writeStringField("op", record.change().operation().code());
            json.writeStringField("db", record.change().table().database());
            json.writeStringField("table", record.change().table().table());
            JsonValues.writeRow(json, "before", record.change().before());
            JsonValues.writeRow(json, "after", record.change().after());
            writeKey(json, record);
            if (record.split() != SplitRole.NONE) {
                json.writeStringField("split", SplitRoles.name(record.split()));
            }
            if (record.schemaVersion() != 0) {
                json.writeNumberField("schema_version", record.schemaVersion());
            }
            writeMark(json, record.txn());
            writeSource(json, record.change().source());
            json.writeEndObject();
        });
    }

    @Override
    public byte[] schemaChange(RoutedSchemaChange change) {
        return JsonValues.write(() -> "a json schema change of " + change.change().tables(), json -> {
            json.writeStartObject();
            json.writeStringField("op", "ddl");
            json.writeStringField("db", change.change().database());
            json.writeArrayFieldStart("tables");
            for (TableId table : change.change().tables()) {
                json.writeString(table.toString());
            }
            json.writeEndArray();
            json.writeStringField("ddl", change.change().ddl());
            json.writeNumberField("schema_version", change.schemaVersion());
            writeMark(json, change.txn());
            writeSource(json, change.change().source());
            json.writeEndObject();
        });
    }

    private static void writeMark(JsonGenerator json, TransactionMark txn) throws IOException {
        json.writeObjectFieldStart("txn");
        json.writeStringField("id", txn.id());
        json.writeNumberField("seq", txn.seq());
        json.writeNumberField("index", txn.index());
        if (txn.countKnown()) {
            json.writeNumberField("count", txn.count());
        } else {
            json.writeNullField("count");
        }
        json.writeEndObject();
    }

    private static void writeSource(JsonGenerator json, Map<String, Object> source) throws IOException {
        json.writeObjectFieldStart("source");
        for (Map.Entry<String, Object> entry : source.entrySet()) {
            json.writeFieldName(entry.getKey());
            JsonValues.writeValue(json, entry.getValue());
        }
        json.writeEndObject();
    }

    @Override
    public byte[] marker(Marker marker) {
        return JsonValues.write(() -> "a json marker " + marker, json -> {
            json.writeStartObject();
            OrderlyExtension.writeMarkerFields(json, marker);
            json.writeEndObject();
        });
    }

    private static void writeKey(JsonGenerator json, RoutedRecord record) throws IOException {
        List<String> columns = record.shardingColumns().columns();
        if (columns.isEmpty()) {
            json.writeNullField("key");
            return;
        }
        json.writeObjectFieldStart("key");
        List<Object> values = record.key().values();
        for (int i = 0; i < columns.size(); i++) {
            json.writeFieldName(columns.get(i));
            JsonValues.writeValue(json, values.get(i));
        }
        json.writeEndObject();
    }

    @Override
    public ConsumedRecord read(int partition, long offset, byte[] key, byte[] value, Map<String, byte[]> headers) {
        JsonNode root = JsonValues.readObject(IDENTIFIER, partition, offset, value);
        if (!root.hasNonNull("op") || !root.hasNonNull("db") || !root.hasNonNull("table")) {
            throw new IllegalArgumentException("record at partition " + partition + " offset " + offset
                    + " is not an orderly json record: it needs the fields op, db and table");
        }
        String split = root.path("split").asText(null);
        return new ConsumedRecord(partition, offset, key,
                new TableId(root.get("db").asText(), root.get("table").asText()),
                Operation.fromCode(root.get("op").asText()),
                JsonValues.readRow(root.get("before")),
                JsonValues.readRow(root.get("after")),
                RecordHeaders.readTransactionMark(partition, offset, headers).orElseGet(() -> readMark(root.get("txn"))),
                split == null ? SplitRole.NONE : SplitRoles.fromName(split),
                headers.containsKey(TransactionHeaders.SCHEMA_VERSION) ? RecordHeaders.schemaVersion(partition, offset, headers)
                        : root.path("schema_version").asLong(0));
    }

    /** The value's own mark, for records read without headers. */
    private static TransactionMark readMark(JsonNode txn) {
        if (txn == null || !txn.isObject()) {
            return null;
        }
        JsonNode count = txn.path("count");
        return new TransactionMark(txn.path("id").asText(), txn.path("seq").asLong(), txn.path("index").asInt(),
                count.isNumber() ? count.asInt() : TransactionMark.UNKNOWN_COUNT);
    }
}
