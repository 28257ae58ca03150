package dev.orderly.plugin.table;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.ports.spi.OptionType;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOption;
import dev.orderly.ports.spi.RuleOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code table}: all changes of a table go to one partition, in binlog order
 * ({@link OrderingGuarantee#PER_TABLE}). The partition is the published key hash (docs/HASH.md) of the
 * table's qualified name as a one-value key, {@code KeyHash.partition(KeyEncoding.encode(List.of("db.table")), N)},
 * unless option {@code pin} fixes it. Transactions that span tables are not kept contiguous.
 */
public final class TableRule implements PartitionRulePort {

    public static final String IDENTIFIER = "table";

    static final RuleOption<Map<String, String>> PIN = RuleOption.optional("pin", OptionType.STRING_MAP, Map.of(),
            "tables placed on a fixed partition: database.table to a partition number, e.g. {shop.orders: \"0\"}");

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public String description() {
        return "each table's changes to one partition (hash of database.table, or pinned): per-table order";
    }

    @Override
    public OrderingGuarantee guarantee() {
        return OrderingGuarantee.PER_TABLE;
    }

    @Override
    public List<RuleOption<?>> optionalOptions() {
        return List.of(PIN);
    }

    /** @throws IllegalArgumentException when a pinned table is not written database.table or its partition is not a whole number >= 0 */
    @Override
    public PartitionRule create(RuleOptions options) {
        return new TablePlacement(pins(options.get(PIN)));
    }

    private static Map<TableId, Integer> pins(Map<String, String> configured) {
        Map<TableId, Integer> pins = new LinkedHashMap<>();
        configured.forEach((table, partition) -> pins.put(pinnedTable(table), pinnedPartition(table, partition)));
        return pins;
    }

    private static TableId pinnedTable(String table) {
        try {
            return TableId.parse(table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + PIN.key() + "' has the key \"" + table
                    + "\", but a pinned table must be written database.table, e.g. shop.orders", e);
        }
    }

    private static int pinnedPartition(String table, String partition) {
        int number;
        try {
            number = Integer.parseInt(partition.trim());
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0) {
            throw new IllegalArgumentException("'" + PIN.key() + "' pins table " + table + " to \"" + partition
                    + "\", but a partition must be a whole number >= 0; write e.g. " + table + ": \"0\"");
        }
        return number;
    }
}
