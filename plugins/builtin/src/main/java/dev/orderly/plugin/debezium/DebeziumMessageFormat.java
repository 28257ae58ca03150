package dev.orderly.plugin.debezium;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.RoutedSchemaChange;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.plugin.format.JsonValues;
import dev.orderly.plugin.format.OrderlyExtension;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.RecordHeaders;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code debezium} format (docs/FORMAT.md): each row record is the change-event value Debezium's
 * MySQL connector writes through the JSON converter with {@code schemas.enable=false}: {@code before},
 * {@code after}, {@code source}, {@code op}, {@code ts_ms} and {@code transaction}. A key-change half is
 * a plain {@code d} or {@code c} event, as Debezium writes a primary key change; an update that changed
 * its primary key without being split stays one {@code u} event (see docs/FORMAT.md). What the envelope
 * cannot say (split role, schema version, a marker's body) goes in {@link OrderlyExtension#FIELD}. A
 * schema change is Debezium's schema-change event with an empty {@code tableChanges}.
 */
public final class DebeziumMessageFormat implements MessageFormatPort {

    public static final String IDENTIFIER = "debezium";

    /** The {@code source.version}: not a Debezium release, the writer of the event. */
    static final String VERSION = "orderly";
    /** The {@code source.name}: Debezium's topic prefix, which a format does not know. */
    static final String SERVER_NAME = "orderly";
    private static final SerializableString BEFORE = JsonValues.name("before");
    private static final SerializableString AFTER = JsonValues.name("after");

    private final Clock clock;

    public DebeziumMessageFormat() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock of the envelope's {@code ts_ms}: when the event was written */
    DebeziumMessageFormat(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    /** Debezium writes an update of a primary key as a delete of the old row and a create of the new one. */
    @Override
    public boolean splitsPrimaryKeyChanges() {
        return true;
    }

    @Override
    public byte[] value(RoutedRecord record) {
        TableId table = record.change().table();
        return JsonValues.write(() -> "a debezium event of " + table, json -> {
            json.writeStartObject();
            JsonValues.writeRow(json, BEFORE, record.change().before());
            JsonValues.writeRow(json, AFTER, record.change().after());
            writeSource(json, table.database(), table.table(), record.change().source(), snapshotMarker(record.change()));
            json.writeStringField("op", record.change().operation().code());
            json.writeNumberField("ts_ms", clock.millis());
            json.writeObjectFieldStart("transaction");
            json.writeStringField("id", record.txn().id());
            json.writeNumberField("total_order", record.txn().index() + 1L);
            // Debezium counts per table within the transaction; one record alone cannot.
            json.writeNullField("data_collection_order");
            json.writeEndObject();
            OrderlyExtension.writeRecord(json, record);
            json.writeEndObject();
        });
    }

    @Override
    public byte[] schemaChange(RoutedSchemaChange change) {
        String tables = change.change().tables().stream().map(TableId::table).collect(Collectors.joining(","));
        return JsonValues.write(() -> "a debezium schema change of " + change.change().tables(), json -> {
            json.writeStartObject();
            writeSource(json, change.change().database(), tables, change.change().source(), "false");
            json.writeNumberField("ts_ms", clock.millis());
            json.writeStringField("databaseName", change.change().database());
            json.writeNullField("schemaName");
            json.writeStringField("ddl", change.change().ddl());
            // Debezium describes each table after the change; orderly has the statement only.
            json.writeArrayFieldStart("tableChanges");
            json.writeEndArray();
            OrderlyExtension.writeSchemaVersion(json, change.schemaVersion());
            json.writeEndObject();
        });
    }

    @Override
    public byte[] marker(Marker marker) {
        return JsonValues.write(() -> "a debezium marker " + marker, json -> {
            json.writeStartObject();
            OrderlyExtension.writeMarker(json, marker);
            json.writeEndObject();
        });
    }

    /**
     * Debezium's {@code source.snapshot}: for a row of the initial snapshot (op {@code r}) the marker
     * Debezium gave it ({@code true}, {@code first}, {@code first_in_data_collection},
     * {@code last_in_data_collection}, {@code last}), kept in the change's source block; else {@code false}.
     */
    private static String snapshotMarker(ChangeEvent change) {
        if (change.operation() != Operation.READ) {
            return "false";
        }
        Object marker = change.source().get("snapshot");
        return marker == null ? "true" : marker.toString();
    }

    /** Debezium's MySQL {@code source} block, in its field order; what orderly does not keep is null. */
    private static void writeSource(JsonGenerator json, String database, String table, Map<String, Object> source, String snapshot)
            throws IOException {
        json.writeObjectFieldStart("source");
        json.writeStringField("version", VERSION);
        json.writeStringField("connector", "mysql");
        json.writeStringField("name", SERVER_NAME);
        writeSourceField(json, "ts_ms", source);
        json.writeStringField("snapshot", snapshot);
        json.writeStringField("db", database);
        json.writeStringField("table", table);
        writeSourceField(json, "server_id", source);
        writeSourceField(json, "gtid", source);
        writeSourceField(json, "file", source);
        writeSourceField(json, "pos", source);
        writeSourceField(json, "row", source);
        json.writeNullField("thread");
        json.writeNullField("query");
        json.writeEndObject();
    }

    private static void writeSourceField(JsonGenerator json, String name, Map<String, Object> source) throws IOException {
        json.writeFieldName(name);
        JsonValues.writeValue(json, source.get(name));
    }

    @Override
    public ConsumedRecord read(int partition, long offset, byte[] key, byte[] value, Map<String, byte[]> headers) {
        JsonNode root = JsonValues.readObject(IDENTIFIER, partition, offset, value);
        JsonNode source = root.path("source");
        if (!root.hasNonNull("op") || !source.hasNonNull("db") || !source.hasNonNull("table")) {
            throw new IllegalArgumentException("record at partition " + partition + " offset " + offset
                    + " is not a debezium change event: it needs the fields op, source.db and source.table");
        }
        Operation operation;
        try {
            operation = Operation.fromCode(root.get("op").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("record at partition " + partition + " offset " + offset + ": " + e.getMessage(), e);
        }
        return new ConsumedRecord(partition, offset, key,
                new TableId(source.get("db").asText(), source.get("table").asText()),
                operation,
                JsonValues.readRow(root.get("before")),
                JsonValues.readRow(root.get("after")),
                RecordHeaders.readTransactionMark(partition, offset, headers).orElse(null),
                OrderlyExtension.readSplit(root, partition, offset),
                RecordHeaders.schemaVersion(partition, offset, headers));
    }
}
