package dev.orderly.app.pipeline;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.ports.config.OversizedPolicy;
import java.util.List;
import java.util.Map;

/**
 * What to do with a record larger than the topic accepts ({@code sink.oversized}).
 *
 * @param maxBytes the largest record, in {@link dev.orderly.ports.OutgoingRecord#size()} bytes, the topic accepts
 * @param policy fail, or write the record key-only
 * @param keyColumns per table, the columns a key-only record keeps: its sharding columns and its
 *     primary key, so that consumers still know which row changed
 */
record OversizedRecords(int maxBytes, OversizedPolicy policy, Map<TableId, List<String>> keyColumns) {

    /** No limit: every record is written whole. */
    static final OversizedRecords UNLIMITED = new OversizedRecords(Integer.MAX_VALUE, OversizedPolicy.FAIL, Map.of());

    OversizedRecords {
        requireNonNull(policy, "policy is null");
        keyColumns = Map.copyOf(keyColumns);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1 but got " + maxBytes);
        }
    }

    List<String> keyColumnsOf(TableId table) {
        return keyColumns.getOrDefault(table, List.of());
    }
}
