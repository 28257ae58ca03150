package dev.orderly.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.TableRuleSettings;
import dev.orderly.ports.spi.PartitionRulePort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code partition:}: the default rule that places records on partitions, its options, the
 * tables' sharding columns, the no-key policy and the per-table rules.
 */
final class PartitionSectionReader {

    static final Map<String, NoKeyPolicy> NO_KEY_POLICIES = ValueReader.choices(NoKeyPolicy.values(), NoKeyPolicy::configValue);

    static final Key MODE = new Key("mode", "the identifier of a loaded partition rule", PartitionMode.HASH.identifier());
    static final Key SHARDING_COLUMNS = new Key("sharding-columns",
            "a map from a table of source.include (database.table) to a non-empty list of distinct column names", "{shop.orders: [customer_id]}");
    static final Key NO_KEY = new Key("no-key",
            "one of: " + String.join(", ", NO_KEY_POLICIES.keySet()) + " (default " + NoKeyPolicy.FAIL.configValue() + ")",
            NoKeyPolicy.FAIL.configValue());
    static final List<Key> KEYS = List.of(MODE, RuleOptionsReader.OPTIONS, SHARDING_COLUMNS, NO_KEY, PartitionRulesReader.RULES);

    // PartitionMode resolves the alias but does not expose it; it is named here only for messages.
    private static final String ONE_PARTITION_ALIAS = "one";
    private static final String COLUMN = "a non-empty column name, each once per table";

    private PartitionSectionReader() {
    }

    /**
     * What was read of {@code partition.sharding-columns}.
     *
     * @param columns the columns by table, or empty when an entry could not be read
     * @param tables the tables named there that are well written and included, for the per-table
     *     rules' check that a table's sharding columns are written in one place
     */
    private record ShardingColumnsRead(Optional<Map<TableId, List<String>>> columns, Set<TableId> tables) {
    }

    /**
     * @param partitionRules the loaded partition rules by identifier
     * @param include the tables of {@code source.include}, or empty when they could not be read (then
     *     the tables named here are not checked against them, to avoid reporting a consequence of another problem)
     */
    static Optional<PartitionSettings> read(ConfigSection partition, Map<String, PartitionRulePort> partitionRules, Optional<List<TableId>> include) {
        Optional<String> mode = partition.requiredText(MODE).flatMap(text -> mode(partition, MODE, text, partitionRules.keySet()));
        Optional<Map<String, Object>> options = RuleOptionsReader.read(partition, mode, partitionRules);
        ShardingColumnsRead shardingColumns = shardingColumns(partition, include);
        Optional<NoKeyPolicy> noKey = partition.optionalChoice(NO_KEY, NO_KEY_POLICIES, NoKeyPolicy.FAIL);
        Optional<List<TableRuleSettings>> rules = PartitionRulesReader.read(partition, partitionRules, include, shardingColumns.tables());
        if (Stream.of(mode, options, shardingColumns.columns(), noKey, rules).anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new PartitionSettings(mode.get(), options.get(), shardingColumns.columns().get(), noKey.get(), rules.get()));
    }

    /**
     * The canonical identifier of the mode written at {@code key}: built-in aliases ({@code one}) are
     * resolved first; empty after reporting a mode that is not loaded.
     */
    static Optional<String> mode(ConfigSection section, Key key, ScalarText text, Set<String> partitionModes) {
        String identifier = PartitionMode.byName(text.value()).map(PartitionMode::identifier).orElse(text.value());
        if (partitionModes.contains(identifier)) {
            return Optional.of(identifier);
        }
        List<String> sorted = partitionModes.stream().sorted().toList();
        String alias = partitionModes.contains(PartitionMode.ONE_PARTITION.identifier())
                ? " (or its alias " + ONE_PARTITION_ALIAS + ")"
                : "";
        section.problems().add(section.pathOf(key.name()), text.found(), "one of: " + String.join(", ", sorted) + alias,
                ClosestMatch.suggestion(text.value(), sorted, "write one of the loaded modes, or install the plugin that provides '" + text.value() + "'"));
        return Optional.empty();
    }

    private static ShardingColumnsRead shardingColumns(ConfigSection partition, Optional<List<TableId>> include) {
        Optional<Map<String, JsonNode>> entries = partition.optionalMap(SHARDING_COLUMNS);
        if (entries.isEmpty()) {
            return new ShardingColumnsRead(Optional.empty(), Set.of());
        }
        Map<TableId, List<String>> columnsByTable = new LinkedHashMap<>();
        Set<TableId> tables = new LinkedHashSet<>();
        boolean allRead = true;
        for (Map.Entry<String, JsonNode> entry : entries.get().entrySet()) {
            String path = partition.pathOf(SHARDING_COLUMNS.name()) + "." + entry.getKey();
            Optional<TableId> table = SourceSectionReader.parseTable(partition.problems(), path, new ScalarText(entry.getKey(), entry.getKey()));
            boolean included = table.isPresent()
                    && isIncluded(partition, path, table.get(), include, "add " + table.get() + " to source.include, or remove its sharding columns");
            Optional<List<String>> columns = columns(partition, path, entry.getValue(), SHARDING_COLUMNS.allowed());
            if (included) {
                tables.add(table.get());
            }
            if (included && columns.isPresent()) {
                columnsByTable.put(table.get(), columns.get());
            } else {
                allRead = false;
            }
        }
        return new ShardingColumnsRead(allRead ? Optional.of(columnsByTable) : Optional.empty(), tables);
    }

    /**
     * Whether {@code table} is included, reporting it when not; true when the included tables are unknown.
     *
     * @param otherwise the fix when no included table is a likely typo for {@code table}
     */
    static boolean isIncluded(ConfigSection section, String path, TableId table, Optional<List<TableId>> include, String otherwise) {
        if (include.isEmpty() || include.get().contains(table)) {
            return true;
        }
        List<String> included = include.get().stream().sorted().map(TableId::toString).toList();
        section.problems().add(path, Found.quote(table.toString()), "one of the tables in source.include: " + String.join(", ", included),
                ClosestMatch.suggestion(table.toString(), included, otherwise));
        return false;
    }

    /** A non-empty list of distinct, non-blank column names at {@code path}; empty after a problem. */
    static Optional<List<String>> columns(ConfigSection section, String path, JsonNode node, String allowed) {
        Optional<List<JsonNode>> entries = section.values().nonEmptyList(path, node, allowed, "[customer_id]");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>();
        Map<String, Integer> firstIndexOf = new HashMap<>();
        boolean allRead = true;
        for (int index = 0; index < entries.get().size(); index++) {
            String columnPath = path + "[" + index + "]";
            Optional<ScalarText> column = section.values().nonBlankText(columnPath, entries.get().get(index), COLUMN);
            if (column.isEmpty()) {
                allRead = false;
                continue;
            }
            Integer firstIndex = firstIndexOf.putIfAbsent(column.get().value(), index);
            if (firstIndex != null) {
                section.problems().add(columnPath, column.get().found(), COLUMN,
                        "remove this entry; " + column.get().value() + " is already at " + path + "[" + firstIndex + "]");
                allRead = false;
                continue;
            }
            columns.add(column.get().value());
        }
        return allRead ? Optional.of(columns) : Optional.empty();
    }
}
