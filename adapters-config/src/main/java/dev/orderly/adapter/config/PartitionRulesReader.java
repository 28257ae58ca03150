package dev.orderly.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderly.domain.change.TableId;
import dev.orderly.ports.config.TableRuleSettings;
import dev.orderly.ports.spi.PartitionRulePort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code partition.rules}: an ordered list of per-table rules, each naming its tables, the
 * partition rule that places their changes, that rule's options and, optionally, the tables' sharding
 * columns. The first rule that names a table wins, so a table may be named by several rules, but only
 * once by each.
 *
 * <p>A table's sharding columns are written in one place: a rule that gives sharding columns to a
 * table that also has them in {@code partition.sharding-columns} is a problem, since the reader of the
 * file could not tell which apply.
 */
final class PartitionRulesReader {

    static final Key TABLES = new Key("tables", "a non-empty list of distinct tables of source.include, written database.table", "[shop.orders]");
    static final Key MODE = new Key("mode", "the identifier of a loaded partition rule", "hash");
    static final Key SHARDING_COLUMNS = new Key("sharding-columns", "a non-empty list of distinct column names", "[customer_id]");
    static final List<Key> KEYS = List.of(TABLES, MODE, SHARDING_COLUMNS, RuleOptionsReader.OPTIONS);

    /** A valid entry, for fixes. */
    static final String EXAMPLE = "{tables: [shop.orders], mode: hash}";
    static final Key RULES = new Key("rules",
            "a list of per-table rules, each " + ConfigSection.mapWithKeys(KEYS) + " (the first rule that names a table wins)", "[" + EXAMPLE + "]");

    private static final String TABLE = "a table written database.table, each once per rule";

    private PartitionRulesReader() {
    }

    /**
     * What was read of a rule's {@code tables}.
     *
     * @param accepted the tables that are well written and included, each once
     * @param complete whether every entry was accepted
     */
    private record TablesRead(List<TableId> accepted, boolean complete) {
    }

    /**
     * @param partitionRules the loaded partition rules by identifier
     * @param include the tables of {@code source.include}, or empty when they could not be read (then
     *     the rules' tables are not checked against them)
     * @param tablesWithShardingColumns the tables named in {@code partition.sharding-columns}
     * @return the rules in the order of the file, or empty after a problem
     */
    static Optional<List<TableRuleSettings>> read(ConfigSection partition, Map<String, PartitionRulePort> partitionRules,
                                                  Optional<List<TableId>> include, Set<TableId> tablesWithShardingColumns) {
        Optional<List<JsonNode>> entries = partition.optionalList(RULES);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        List<TableRuleSettings> rules = new ArrayList<>();
        boolean allRead = true;
        for (int index = 0; index < entries.get().size(); index++) {
            Optional<TableRuleSettings> rule = partition.listElement(RULES, index, entries.get().get(index), KEYS, EXAMPLE)
                    .flatMap(entry -> rule(entry, partitionRules, include, tablesWithShardingColumns));
            rule.ifPresent(rules::add);
            allRead &= rule.isPresent();
        }
        return allRead ? Optional.of(rules) : Optional.empty();
    }

    private static Optional<TableRuleSettings> rule(ConfigSection entry, Map<String, PartitionRulePort> partitionRules, Optional<List<TableId>> include,
                                                    Set<TableId> tablesWithShardingColumns) {
        Optional<TablesRead> tables = entry.requiredList(TABLES).map(nodes -> tables(entry, nodes, include));
        Optional<String> mode = entry.requiredText(MODE).flatMap(text -> PartitionSectionReader.mode(entry, MODE, text, partitionRules.keySet()));
        Optional<List<String>> shardingColumns = shardingColumns(entry, tables.map(TablesRead::accepted).orElse(List.of()), tablesWithShardingColumns);
        Optional<Map<String, Object>> options = RuleOptionsReader.read(entry, mode, partitionRules);
        Optional<List<TableId>> complete = tables.filter(TablesRead::complete).map(TablesRead::accepted);
        if (Stream.of(complete, mode, shardingColumns, options).anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new TableRuleSettings(complete.get(), mode.get(), options.get(), shardingColumns.get()));
    }

    private static TablesRead tables(ConfigSection entry, List<JsonNode> nodes, Optional<List<TableId>> include) {
        String path = entry.pathOf(TABLES.name());
        List<TableId> accepted = new ArrayList<>();
        Map<TableId, Integer> firstIndexOf = new HashMap<>();
        boolean complete = true;
        for (int index = 0; index < nodes.size(); index++) {
            String tablePath = path + "[" + index + "]";
            Optional<ScalarText> text = entry.values().nonBlankText(tablePath, nodes.get(index), TABLE);
            Optional<TableId> table = text.flatMap(written -> SourceSectionReader.parseTable(entry.problems(), tablePath, written));
            if (table.isEmpty()) {
                complete = false;
                continue;
            }
            Integer firstIndex = firstIndexOf.putIfAbsent(table.get(), index);
            if (firstIndex != null) {
                entry.problems().add(tablePath, text.get().found(), TABLE,
                        "remove this entry; " + table.get() + " is already at " + path + "[" + firstIndex + "]");
                complete = false;
                continue;
            }
            if (!PartitionSectionReader.isIncluded(entry, tablePath, table.get(), include,
                    "add " + table.get() + " to source.include, or remove it from this rule")) {
                complete = false;
                continue;
            }
            accepted.add(table.get());
        }
        return new TablesRead(List.copyOf(accepted), complete);
    }

    /** The rule's sharding columns, the empty list when not written; empty after a problem. */
    private static Optional<List<String>> shardingColumns(ConfigSection entry, List<TableId> tables, Set<TableId> tablesWithShardingColumns) {
        if (!entry.isWritten(SHARDING_COLUMNS)) {
            return Optional.of(List.of());
        }
        String path = entry.pathOf(SHARDING_COLUMNS.name());
        Optional<List<String>> columns = entry.required(SHARDING_COLUMNS)
                .flatMap(node -> PartitionSectionReader.columns(entry, path, node, SHARDING_COLUMNS.allowed()));
        boolean unambiguous = true;
        for (TableId table : tables) {
            if (tablesWithShardingColumns.contains(table)) {
                entry.problems().add(path, "sharding columns for " + table + ", which partition.sharding-columns." + table + " also sets",
                        "a table's sharding columns in one place: its rule or partition.sharding-columns",
                        "keep one: remove " + table + " from partition.sharding-columns, or remove sharding-columns from " + entry.path());
                unambiguous = false;
            }
        }
        return unambiguous ? columns : Optional.empty();
    }
}
