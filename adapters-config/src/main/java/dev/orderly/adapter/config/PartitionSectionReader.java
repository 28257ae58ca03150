package dev.orderly.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.ports.config.PartitionSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code partition:}: which rule places records on partitions, and its settings. */
final class PartitionSectionReader {

    static final Map<String, NoKeyPolicy> NO_KEY_POLICIES = ValueReader.choices(NoKeyPolicy.values(), NoKeyPolicy::configValue);

    static final Key MODE = new Key("mode", "the identifier of a loaded partition rule", PartitionMode.HASH.identifier());
    static final Key SHARDING_COLUMNS = new Key("sharding-columns",
            "a map from a table of source.include (database.table) to a non-empty list of distinct column names", "{shop.orders: [customer_id]}");
    static final Key NO_KEY = new Key("no-key",
            "one of: " + String.join(", ", NO_KEY_POLICIES.keySet()) + " (default " + NoKeyPolicy.FAIL.configValue() + ")",
            NoKeyPolicy.FAIL.configValue());
    static final List<Key> KEYS = List.of(MODE, SHARDING_COLUMNS, NO_KEY);

    // PartitionMode resolves the alias but does not expose it; it is named here only for messages.
    private static final String ONE_PARTITION_ALIAS = "one";
    private static final String COLUMN = "a non-empty column name, each once per table";

    private PartitionSectionReader() {
    }

    /**
     * @param partitionModes the identifiers of the loaded partition rules
     * @param include the tables of {@code source.include}, or empty when they could not be read (then
     *     the sharding tables are not checked against them, to avoid reporting a consequence of another problem)
     */
    static Optional<PartitionSettings> read(ConfigSection partition, Set<String> partitionModes, Optional<List<TableId>> include) {
        Optional<String> mode = partition.requiredText(MODE).flatMap(text -> mode(partition, text, partitionModes));
        Optional<Map<TableId, List<String>>> shardingColumns = shardingColumns(partition, include);
        Optional<NoKeyPolicy> noKey = partition.optionalChoice(NO_KEY, NO_KEY_POLICIES, NoKeyPolicy.FAIL);
        if (mode.isEmpty() || shardingColumns.isEmpty() || noKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PartitionSettings(mode.get(), shardingColumns.get(), noKey.get()));
    }

    /** The canonical identifier of the mode: built-in aliases ({@code one}) are resolved first. */
    private static Optional<String> mode(ConfigSection partition, ScalarText text, Set<String> partitionModes) {
        String identifier = PartitionMode.byName(text.value()).map(PartitionMode::identifier).orElse(text.value());
        if (partitionModes.contains(identifier)) {
            return Optional.of(identifier);
        }
        List<String> sorted = partitionModes.stream().sorted().toList();
        String alias = partitionModes.contains(PartitionMode.ONE_PARTITION.identifier())
                ? " (or its alias " + ONE_PARTITION_ALIAS + ")"
                : "";
        partition.problems().add(partition.pathOf(MODE.name()), text.found(), "one of: " + String.join(", ", sorted) + alias,
                ClosestMatch.suggestion(text.value(), sorted, "write one of the loaded modes, or install the plugin that provides '" + text.value() + "'"));
        return Optional.empty();
    }

    private static Optional<Map<TableId, List<String>>> shardingColumns(ConfigSection partition, Optional<List<TableId>> include) {
        Optional<Map<String, JsonNode>> entries = partition.optionalMap(SHARDING_COLUMNS);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Map<TableId, List<String>> columnsByTable = new LinkedHashMap<>();
        boolean allRead = true;
        for (Map.Entry<String, JsonNode> entry : entries.get().entrySet()) {
            String path = partition.pathOf(SHARDING_COLUMNS.name()) + "." + entry.getKey();
            Optional<TableId> table = SourceSectionReader.parseTable(partition.problems(), path, new ScalarText(entry.getKey(), entry.getKey()));
            boolean included = table.isPresent() && isIncluded(partition, path, table.get(), include);
            Optional<List<String>> columns = columns(partition, path, entry.getValue());
            if (included && columns.isPresent()) {
                columnsByTable.put(table.get(), columns.get());
            } else {
                allRead = false;
            }
        }
        return allRead ? Optional.of(columnsByTable) : Optional.empty();
    }

    /** Whether {@code table} is included, reporting it when not; true when the included tables are unknown. */
    private static boolean isIncluded(ConfigSection partition, String path, TableId table, Optional<List<TableId>> include) {
        if (include.isEmpty() || include.get().contains(table)) {
            return true;
        }
        List<String> included = include.get().stream().sorted().map(TableId::toString).toList();
        partition.problems().add(path, Found.quote(table.toString()), "one of the tables in source.include: " + String.join(", ", included),
                ClosestMatch.suggestion(table.toString(), included, "add " + table + " to source.include, or remove its sharding columns"));
        return false;
    }

    private static Optional<List<String>> columns(ConfigSection partition, String path, JsonNode node) {
        Optional<List<JsonNode>> entries = partition.values().nonEmptyList(path, node, SHARDING_COLUMNS.allowed(), "[customer_id]");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>();
        Map<String, Integer> firstIndexOf = new HashMap<>();
        boolean allRead = true;
        for (int index = 0; index < entries.get().size(); index++) {
            String columnPath = path + "[" + index + "]";
            Optional<ScalarText> column = partition.values().nonBlankText(columnPath, entries.get().get(index), COLUMN);
            if (column.isEmpty()) {
                allRead = false;
                continue;
            }
            Integer firstIndex = firstIndexOf.putIfAbsent(column.get().value(), index);
            if (firstIndex != null) {
                partition.problems().add(columnPath, column.get().found(), COLUMN,
                        "remove this entry; " + column.get().value() + " is already at " + path + "[" + firstIndex + "]");
                allRead = false;
                continue;
            }
            columns.add(column.get().value());
        }
        return allRead ? Optional.of(columns) : Optional.empty();
    }
}
