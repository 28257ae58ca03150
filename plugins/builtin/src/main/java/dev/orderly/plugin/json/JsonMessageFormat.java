package dev.orderly.plugin.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
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

    private static final SerializableString OP = JsonValues.name("op");
    private static final SerializableString DB = JsonValues.name("db");
    private static final SerializableString TABLE = JsonValues.name("table");
    private static final SerializableString BEFORE = JsonValues.name("before");
    private static final SerializableString AFTER = JsonValues.name("after");
    private static final SerializableString KEY = JsonValues.name("key");
    private static final SerializableString SPLIT = JsonValues.name("split");
    private static final SerializableString SCHEMA_VERSION = JsonValues.name("schema_version");
    private static final SerializableString TXN = JsonValues.name("txn");
    private static final SerializableString ID = JsonValues.name("id");
    private static final SerializableString SEQ = JsonValues.name("seq");
    private static final SerializableString INDEX = JsonValues.name("index");
    private static final SerializableString COUNT = JsonValues.name("count");
    private static final SerializableString SOURCE = JsonValues.name("source");

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public byte[] value(RoutedRecord record) {
        return JsonValues.write(() -> "a json record of " + record.change().table(), json -> {
            json.writeStartObject();
            json.writeFieldName(OP);
            json.writeString(record.change().operation().code());
            json.writeFieldName(DB);
            json.writeString(record.change().table().database());
            json.writeFieldName(TABLE);
            json.writeString(record.change().table().table());
            JsonValues.writeRow(json, BEFORE, record.change().before());
            JsonValues.writeRow(json, AFTER, record.change().after());
            writeKey(json, record);
            if (record.split() != SplitRole.NONE) {
                json.writeFieldName(SPLIT);
                json.writeString(SplitRoles.name(record.split()));
            }
            if (record.schemaVersion() != 0) {
                json.writeFieldName(SCHEMA_VERSION);
                json.writeNumber(record.schemaVersion());
            }
            writeMark(json, record.txn());
            json.writeFieldName(SOURCE);
            JsonValues.writeObject(json, record.change().source());
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
            json.writeFieldName(SOURCE);
            JsonValues.writeObject(json, change.change().source());
            json.writeEndObject();
        });
    }

    private static void writeMark(JsonGenerator json, TransactionMark txn) throws IOException {
        json.writeFieldName(TXN);
        json.writeStartObject();
        json.writeFieldName(ID);
        json.writeString(txn.id());
        json.writeFieldName(SEQ);
        json.writeNumber(txn.seq());
        json.writeFieldName(INDEX);
        json.writeNumber(txn.index());
        json.writeFieldName(COUNT);
        if (txn.countKnown()) {
            json.writeNumber(txn.count());
        } else {
            json.writeNull();
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
        json.writeFieldName(KEY);
        List<String> columns = record.shardingColumns().columns();
        if (columns.isEmpty()) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        List<Object> values = record.key().values();
        for (int i = 0; i < columns.size(); i++) {
            json.writeFieldName(JsonValues.name(columns.get(i)));
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
