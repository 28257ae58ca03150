package dev.orderly.app.pipeline;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.TableKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Table keys given by the test. */
final class InMemoryTableMetadata implements dev.orderly.ports.TableMetadataPort {

    private final Map<TableId, TableKeys> tables;

    InMemoryTableMetadata(Map<TableId, TableKeys> tables) {
        this.tables = tables;
    }

    @Override
    public Optional<TableKeys> keysOf(TableId table) {
        return Optional.ofNullable(tables.get(table));
    }

    @Override
    public List<TableId> tablesOf(String database) {
        return tables.keySet().stream().filter(t -> t.database().equals(database)).sorted().toList();
    }
}
