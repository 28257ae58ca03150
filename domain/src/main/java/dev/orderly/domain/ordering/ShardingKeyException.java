package dev.orderly.domain.ordering;

import dev.orderly.domain.change.TableId;

/** A table's sharding key cannot be decided; the message names the table and the fix. */
public final class ShardingKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final TableId table;

    public ShardingKeyException(TableId table, String message) {
        super(message);
        this.table = table;
    }

    public TableId table() {
        return table;
    }
}
