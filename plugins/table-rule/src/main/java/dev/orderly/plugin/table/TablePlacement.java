package dev.orderly.plugin.table;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.KeyEncoding;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.ports.spi.PartitionInput;
import dev.orderly.ports.spi.PartitionRule;
import java.util.List;
import java.util.Map;

/** The rule {@link TableRule} creates: a table's pinned partition, else the hash of its qualified name. Immutable. */
final class TablePlacement implements PartitionRule {

    private final Map<TableId, Integer> pins;

    TablePlacement(Map<TableId, Integer> pins) {
        this.pins = Map.copyOf(requireNonNull(pins, "pins is null"));
    }

    /**
     * @throws IllegalStateException when the table is pinned to a partition the topic does not have; the partition
     *     count is only known here, not when the options are read
     */
    @Override
    public int partition(PartitionInput input) {
        TableId table = input.change().table();
        int partitionCount = input.partitionCount();
        Integer pinned = pins.get(table);
        if (pinned == null) {
            // The same bytes as the sharding key of a keyless table under no-key: table, so both place a table alike.
            return KeyHash.partition(KeyEncoding.encode(List.of(table.toString())), partitionCount);
        }
        if (pinned >= partitionCount) {
            throw new IllegalStateException("partition rule '" + TableRule.IDENTIFIER + "' pins table " + table + " to partition " + pinned
                    + ", but the topic has " + partitionCount + " partition" + (partitionCount == 1 ? "" : "s") + " (0 to " + (partitionCount - 1)
                    + "); pin the table to a partition below " + partitionCount + " in options." + TableRule.PIN.key() + ", or give the topic more partitions");
        }
        return pinned;
    }
}
