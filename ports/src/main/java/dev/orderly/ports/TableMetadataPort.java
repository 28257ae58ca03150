package dev.orderly.ports;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.TableKeys;
import java.util.List;
import java.util.Optional;

/** Reads table structure from the source database. Thread-safe. */
public interface TableMetadataPort {

    /** The keys of a table; empty when the table does not exist. */
    Optional<TableKeys> keysOf(TableId table);

    /** The existing tables of a database, sorted. */
    List<TableId> tablesOf(String database);
}
