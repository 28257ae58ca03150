package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.ShardingKey;
import java.util.List;

/**
 * A change reduced to what the topic and the source must agree on: table, operation and the row's
 * identity before and after. Identities are {@link ShardingKey}s only for their equality by
 * canonical encoding.
 */
record ChangeIdentity(TableId table, Operation operation, ShardingKey before, ShardingKey after) {

    ChangeIdentity {
        requireNonNull(table, "table is null");
        requireNonNull(operation, "operation is null");
    }

    static ChangeIdentity of(CommittedChange change) {
        return new ChangeIdentity(change.table(), change.operation(), keyOf(change.identityBefore()), keyOf(change.identityAfter()));
    }

    static ChangeIdentity of(TableId table, Operation operation, Row before, Row after, List<String> identityColumns) {
        return new ChangeIdentity(table, operation, before == null ? null : new ShardingKey(before.project(identityColumns)),
                after == null ? null : new ShardingKey(after.project(identityColumns)));
    }

    private static ShardingKey keyOf(List<Object> identity) {
        return identity == null ? null : new ShardingKey(identity);
    }

    @Override
    public String toString() {
        return switch (operation) {
            case INSERT -> "INSERT " + table + " " + after;
            case READ -> "READ " + table + " " + after;
            case DELETE -> "DELETE " + table + " " + before;
            case UPDATE -> "UPDATE " + table + " " + before + " -> " + after;
        };
    }
}
