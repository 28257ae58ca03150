package dev.orderly.plugin.tenant;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.ordering.KeyEncoding;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.ports.spi.PartitionInput;
import dev.orderly.ports.spi.PartitionRule;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The rule {@link TenantRule} creates. A row's tenant is the value of the tenant column in the change's
 * latest image (the after image, or the before image of a delete). It matches a key of the map by its
 * text: a string as it is, any other value as its canonical key encoding (docs/HASH.md), so
 * {@code 42}, {@code 42L} and {@code "42"} are one tenant and a DECIMAL {@code 1.50} is {@code 1.5}.
 * SQL NULL matches no key and follows the fallback. Immutable.
 */
final class TenantPlacement implements PartitionRule {

    private final String column;
    private final Map<String, Integer> partitions;
    private final TenantFallback fallback;

    TenantPlacement(String column, Map<String, Integer> partitions, TenantFallback fallback) {
        this.column = requireNonNull(column, "column is null");
        this.partitions = Map.copyOf(requireNonNull(partitions, "partitions is null"));
        this.fallback = requireNonNull(fallback, "fallback is null");
    }

    /**
     * @throws IllegalArgumentException when the row has no tenant column
     * @throws IllegalStateException when a mapped partition is not below the partition count, or when an update moves
     *     its key to a tenant on another partition (per-key order would break)
     */
    @Override
    public int partition(PartitionInput input) {
        ChangeEvent change = input.change();
        int partition = partitionOf(change.latestImage(), input);
        if (change.operation() == Operation.UPDATE) {
            // Earlier changes of this key went where its old tenant sends it; the host splits only updates that change the key.
            int previous = partitionOf(change.before(), input);
            if (previous != partition) {
                throw new IllegalStateException("partition rule '" + TenantRule.IDENTIFIER + "': an update of " + change.table() + " moves key "
                        + input.key() + " from tenant " + describe(change.before().get(column)) + " (partition " + previous + ") to tenant "
                        + describe(change.after().get(column)) + " (partition " + partition + "), which would let its later changes overtake "
                        + "earlier ones. Make " + column + " one of the sharding columns of " + change.table()
                        + " (partition.rules[].sharding-columns), so that such an update is split into a delete and an insert");
            }
        }
        return partition;
    }

    private int partitionOf(Row row, PartitionInput input) {
        if (!row.has(column)) {
            throw new IllegalArgumentException("partition rule '" + TenantRule.IDENTIFIER + "': a change of " + input.change().table()
                    + " has no tenant column '" + column + "' (option " + TenantRule.COLUMN.key() + "); its columns are " + row.values().keySet()
                    + ". Set " + TenantRule.COLUMN.key() + " to a column every table of this rule has, or give " + input.change().table()
                    + " another rule");
        }
        Object tenant = row.get(column);
        int partitionCount = input.partitionCount();
        Integer mapped = tenant == null ? null : partitions.get(text(tenant));
        if (mapped != null) {
            if (mapped >= partitionCount) {
                throw new IllegalStateException("partition rule '" + TenantRule.IDENTIFIER + "' maps tenant " + describe(tenant) + " to partition "
                        + mapped + ", but the topic has " + partitionCount + " partition" + (partitionCount == 1 ? "" : "s") + " (0 to "
                        + (partitionCount - 1) + "); map the tenant to a partition below " + partitionCount + " in options."
                        + TenantRule.MAP.key() + ", or give the topic more partitions");
            }
            return mapped;
        }
        return switch (fallback) {
            case HASH -> KeyHash.partition(input.key(), partitionCount);
            // singletonList, not List.of: a NULL tenant is a value too ([null]).
            case TENANT_HASH -> KeyHash.partition(KeyEncoding.encode(Collections.singletonList(tenant)), partitionCount);
        };
    }

    /** The text a tenant value is looked up by in the map. */
    static String text(Object tenant) {
        if (tenant instanceof String text) {
            return text;
        }
        String encoded = KeyEncoding.toJson(List.of(tenant));
        return encoded.substring(1, encoded.length() - 1);
    }

    private static String describe(Object tenant) {
        return tenant == null ? "NULL" : "\"" + text(tenant) + "\"";
    }
}
