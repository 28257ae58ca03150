package dev.orderly.domain.change;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schema change (DDL) of one or more captured tables, read from the binlog in commit order with
 * the transactions around it (H6).
 *
 * @param id the source transaction id of the statement: a GTID, or {@code file=…,pos=…} without GTIDs
 * @param database the database the statement ran in
 * @param tables the captured tables it changes, at least one, in statement order
 * @param ddl the statement as the server logged it
 * @param source where it stands in the binlog (server id, file, position, gtid, commit time)
 */
public record SchemaChange(String id, String database, List<TableId> tables, String ddl, Map<String, Object> source) {

    public SchemaChange {
        requireNonNull(id, "id is null");
        requireNonNull(database, "database is null");
        requireNonNull(ddl, "ddl is null");
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a schema change must name at least one captured table but got none for: " + ddl);
        }
        // Kept in the adapter's order, so that formats write the source block the same way every time.
        source = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(source, "source is null")));
    }
}
