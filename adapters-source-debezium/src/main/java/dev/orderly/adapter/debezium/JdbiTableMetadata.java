package dev.orderly.adapter.debezium;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.domain.ordering.UniqueKey;
import dev.orderly.ports.TableMetadataPort;
import dev.orderly.ports.config.SourceSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Reads table keys and column nullability from the source's information_schema with Jdbi. */
public final class JdbiTableMetadata implements TableMetadataPort {

    private final Jdbi jdbi;

    public JdbiTableMetadata(SourceSettings settings) {
        requireNonNull(settings, "settings is null");
        String url = switch (settings.type()) {
            case MYSQL -> "jdbc:mysql://" + settings.host() + ":" + settings.port() + "/?allowPublicKeyRetrieval=true&connectTimeout=10000";
            case MARIADB -> "jdbc:mariadb://" + settings.host() + ":" + settings.port() + "/?connectTimeout=10000";
        };
        this.jdbi = Jdbi.create(url, settings.user(), settings.password());
    }

    @Override
    public Optional<TableKeys> keysOf(TableId table) {
        return jdbi.withHandle(handle -> {
            List<String> columns = new ArrayList<>();
            Set<String> nullable = new HashSet<>();
            handle.createQuery("SELECT COLUMN_NAME, IS_NULLABLE FROM information_schema.COLUMNS"
                            + " WHERE TABLE_SCHEMA = :db AND TABLE_NAME = :table ORDER BY ORDINAL_POSITION")
                    .bind("db", table.database()).bind("table", table.table())
                    .map((rs, ctx) -> {
                        columns.add(rs.getString(1));
                        if ("YES".equals(rs.getString(2))) {
                            nullable.add(rs.getString(1));
                        }
                        return null;
                    }).list();
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            Map<String, List<String>> uniqueIndexes = new LinkedHashMap<>();
            handle.createQuery("SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                            + " WHERE TABLE_SCHEMA = :db AND TABLE_NAME = :table AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX")
                    .bind("db", table.database()).bind("table", table.table())
                    .map((rs, ctx) -> uniqueIndexes.computeIfAbsent(rs.getString(1), name -> new ArrayList<>()).add(rs.getString(2)))
                    .list();
            List<String> primaryKey = uniqueIndexes.getOrDefault("PRIMARY", List.of());
            List<UniqueKey> uniqueKeys = uniqueIndexes.entrySet().stream()
                    .filter(index -> !index.getKey().equals("PRIMARY"))
                    .map(index -> new UniqueKey(index.getKey(), index.getValue()))
                    .toList();
            return Optional.of(new TableKeys(table, columns, nullable, primaryKey, uniqueKeys));
        });
    }

    @Override
    public List<TableId> tablesOf(String database) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = :db AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")
                .bind("db", database)
                .map((rs, ctx) -> new TableId(database, rs.getString(1)))
                .list());
    }
}
