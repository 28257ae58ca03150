package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a Debezium schema change record ({@code include.schema.changes}: source, databaseName, ddl,
 * tableChanges) into a {@link SchemaChange} of the captured tables it changes.
 */
final class SchemaChangeConverter {

    private SchemaChangeConverter() {
    }

    static boolean isSchemaChange(SourceRecord record) {
        return record.value() instanceof Struct value && value.schema().field("ddl") != null && value.schema().field("tableChanges") != null;
    }

    /**
     * The schema change, or empty when it changes no captured table or belongs to the initial schema
     * snapshot (the schema as it was at the start, which is not a change).
     */
    static Optional<SchemaChange> convert(SourceRecord record, Set<TableId> captured) {
        Struct value = (Struct) record.value();
        Struct source = value.getStruct("source");
        Object snapshot = source.schema().field("snapshot") == null ? null : source.get("snapshot");
        if (snapshot != null && !"false".equals(snapshot.toString())) {
            return Optional.empty();
        }
        String database = value.getString("databaseName");
        List<TableId> tables = new ArrayList<>();
        List<Struct> tableChanges = value.getArray("tableChanges");
        for (Struct tableChange : tableChanges == null ? List.<Struct>of() : tableChanges) {
            TableId table = tableId(tableChange.getString("id"), database);
            if (captured.contains(table) && !tables.contains(table)) {
                tables.add(table);
            }
        }
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> block = ChangeConverter.sourceBlock(source);
        Object gtid = block.get("gtid");
        String id = gtid != null ? gtid.toString() : "file=" + block.get("file") + ",pos=" + block.get("pos");
        return Optional.of(new SchemaChange(id, database, tables, value.getString("ddl"), block));
    }

    /** Debezium writes a table id as {@code "db"."table"} (or {@code db.table}); the database defaults to the statement's. */
    private static TableId tableId(String id, String database) {
        String plain = id.replace("\"", "").replace("`", "");
        int dot = plain.indexOf('.');
        return dot < 0 ? new TableId(database, plain) : new TableId(plain.substring(0, dot), plain.substring(dot + 1));
    }
}
