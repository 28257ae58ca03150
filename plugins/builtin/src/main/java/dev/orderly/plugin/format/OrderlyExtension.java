package dev.orderly.plugin.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.SplitRole;
import java.io.IOException;

/**
 * The {@code __orderly} object that the {@code debezium} and {@code canal-json} formats add to a
 * foreign envelope for what that envelope cannot say: the split role of a key-change half, the table's
 * schema version, whether a row is a snapshot read (where the envelope has no such operation), and the
 * body of a marker. Records that need none of it carry no such field, so they
 * keep the foreign shape exactly. The double underscore follows Debezium's names for added fields.
 */
public final class OrderlyExtension {

    /** The field's name. */
    public static final String FIELD = "__orderly";

    private OrderlyExtension() {
    }

    /** Writes {@code "__orderly": {"split": …, "schema_version": …}} with what applies, or nothing when neither does. */
    public static void writeRecord(JsonGenerator json, RoutedRecord record) throws IOException {
        writeRecord(json, record, false);
    }

    /**
     * As {@link #writeRecord(JsonGenerator, RoutedRecord)}, with {@code "snapshot": true} first when
     * {@code snapshotRead}: for an envelope that writes a row of the initial snapshot as an insert.
     */
    public static void writeRecord(JsonGenerator json, RoutedRecord record, boolean snapshotRead) throws IOException {
        if (record.split() == SplitRole.NONE && record.schemaVersion() == 0 && !snapshotRead) {
            return;
        }
        json.writeObjectFieldStart(FIELD);
        if (snapshotRead) {
            json.writeBooleanField("snapshot", true);
        }
        if (record.split() != SplitRole.NONE) {
            json.writeStringField("split", SplitRoles.name(record.split()));
        }
        if (record.schemaVersion() != 0) {
            json.writeNumberField("schema_version", record.schemaVersion());
        }
        json.writeEndObject();
    }

    /** Writes {@code "__orderly": {"schema_version": …}}: the version a schema change starts. */
    public static void writeSchemaVersion(JsonGenerator json, long schemaVersion) throws IOException {
        json.writeObjectFieldStart(FIELD);
        json.writeNumberField("schema_version", schemaVersion);
        json.writeEndObject();
    }

    /** Writes {@code "__orderly": {marker fields}}, see {@link #writeMarkerFields}. */
    public static void writeMarker(JsonGenerator json, Marker marker) throws IOException {
        json.writeObjectFieldStart(FIELD);
        writeMarkerFields(json, marker);
        json.writeEndObject();
    }

    /** Writes a marker's fields into the current object: {@code marker} (its kind), {@code seq}, {@code epoch}, {@code partition_count}. */
    public static void writeMarkerFields(JsonGenerator json, Marker marker) throws IOException {
        json.writeStringField("marker", marker.kind().label());
        json.writeNumberField("seq", marker.seq());
        json.writeNumberField("epoch", marker.epoch());
        json.writeNumberField("partition_count", marker.partitionCount());
    }

    /** Whether a record value's {@code __orderly} object says {@code "snapshot": true}. */
    public static boolean readSnapshot(JsonNode root) {
        return root.path(FIELD).path("snapshot").asBoolean(false);
    }

    /**
     * The split role a record value's {@code __orderly} object names; {@link SplitRole#NONE} without one.
     *
     * @throws IllegalArgumentException when it names no split role; the message names the partition and offset
     */
    public static SplitRole readSplit(JsonNode root, int partition, long offset) {
        JsonNode split = root.path(FIELD).path("split");
        if (split.isMissingNode() || split.isNull()) {
            return SplitRole.NONE;
        }
        try {
            return SplitRoles.fromName(split.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("record at partition " + partition + " offset " + offset + ": " + FIELD + "." + e.getMessage(), e);
        }
    }
}
