package dev.orderly.domain.ordering;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import java.util.List;
import java.util.Objects;

/**
 * H3: an UPDATE that changes the sharding key becomes a DELETE of the old key and an INSERT of the
 * new key, so each key's partition sees its own history in order.
 */
public final class KeyChangeSplit {

    /** A change with its key and split role, before a partition is chosen. */
    public record Part(ChangeEvent change, ShardingKey key, SplitRole split) {
    }

    private KeyChangeSplit() {
    }

    /** One part, or two when {@code change} is an update whose sharding key differs before and after. */
    public static List<Part> split(ChangeEvent change, ShardingColumns columns) {
        return split(change, columns, true, List.of());
    }

    /**
     * One part, or two when {@code change} is an update that changes its sharding key (if
     * {@code byShardingKey}) or any of {@code splitColumns}; each half keeps its own sharding key.
     */
    public static List<Part> split(ChangeEvent change, ShardingColumns columns, boolean byShardingKey, List<String> splitColumns) {
        if (change.operation() != Operation.UPDATE || (!(byShardingKey && columns.hasColumns()) && splitColumns.isEmpty())) {
            return List.of(new Part(change, columns.keyOf(change.latestImage()), SplitRole.NONE));
        }
        ShardingKey oldKey = columns.keyOf(change.before());
        ShardingKey newKey = columns.keyOf(change.after());
        boolean keyChanged = byShardingKey && columns.hasColumns() && !oldKey.equals(newKey);
        boolean columnChanged = splitColumns.stream().anyMatch(column -> !Objects.equals(change.before().get(column), change.after().get(column)));
        if (!keyChanged && !columnChanged) {
            return List.of(new Part(change, newKey, SplitRole.NONE));
        }
        return List.of(
                new Part(ChangeEvent.delete(change.table(), change.before(), change.source()), oldKey, SplitRole.KEY_CHANGE_DELETE),
                new Part(ChangeEvent.insert(change.table(), change.after(), change.source()), newKey, SplitRole.KEY_CHANGE_INSERT));
    }
}
