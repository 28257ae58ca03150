package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.ShardingColumns;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a topic is checked against.
 *
 * @param guarantee {@link OrderingGuarantee#TOTAL} for {@code one_partition}, {@link OrderingGuarantee#PER_KEY} for {@code hash}
 * @param partitionCount the topic's partition count N, at least 1
 * @param shardingColumns the sharding columns of every table in the topic; needed for {@code PER_KEY}
 *     unless {@code keysFromRecords}
 * @param identityColumns the identity columns (primary key, or the unique key of a table without
 *     one) of every table in the topic; needed when the topic is compared with what was committed
 * @param replaysAllowed whether the topic was written at-least-once (D1), so that a replayed suffix,
 *     starting at a transaction boundary and repeating earlier records exactly, is no violation;
 *     when false every repeated (seq, index) is a DUPLICATE
 * @param keysFromRecords whether each record's sharding key is taken from its Kafka record key, for a
 *     topic whose tables' sharding columns are not known: under {@code PER_KEY} a keyed record belongs in
 *     partition {@code toPositive(murmur2(key)) % N} and a record without a key in partition 0
 *     ({@code no-key: partition-0}), and records are grouped by key bytes for H2 and H3;
 *     {@code shardingColumns} must then be empty
 * @param openEnded whether the topic may still be being written, so that a transaction beyond what the
 *     topic proves written (above every watermark, and not followed by later records in every partition
 *     that would hold it) may be torn or missing because its records are in flight: such are
 *     {@link Notice.Kind#IN_FLIGHT} notices, not violations
 */
public record VerifierSettings(OrderingGuarantee guarantee, int partitionCount, Map<TableId, ShardingColumns> shardingColumns,
        Map<TableId, List<String>> identityColumns, boolean replaysAllowed, boolean keysFromRecords, boolean openEnded) {

    public VerifierSettings {
        requireNonNull(guarantee, "guarantee is null");
        requireNonNull(shardingColumns, "shardingColumns is null");
        requireNonNull(identityColumns, "identityColumns is null");
        if (guarantee != OrderingGuarantee.TOTAL && guarantee != OrderingGuarantee.PER_KEY) {
            throw new IllegalArgumentException("guarantee must be TOTAL (one_partition) or PER_KEY (hash) but got " + guarantee
                    + "; the verifier has no checks for it yet");
        }
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
        if (keysFromRecords && !shardingColumns.isEmpty()) {
            throw new IllegalArgumentException("sharding keys come either from the record keys or from shardingColumns, but got both;"
                    + " shardingColumns names " + new TreeMap<>(shardingColumns).keySet());
        }
        shardingColumns.forEach((table, columns) -> {
            if (!table.equals(columns.table())) {
                throw new IllegalArgumentException("shardingColumns maps table " + table + " to the columns of " + columns.table());
            }
        });
        identityColumns.forEach((table, columns) -> {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("identityColumns of " + table + " must name at least one column but got []");
            }
        });
        shardingColumns = Map.copyOf(shardingColumns);
        identityColumns = identityColumns.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
    }

    /** Settings that allow no replay (every repeated (seq, index) is a DUPLICATE), with sharding keys from the columns. */
    public VerifierSettings(OrderingGuarantee guarantee, int partitionCount, Map<TableId, ShardingColumns> shardingColumns,
            Map<TableId, List<String>> identityColumns) {
        this(guarantee, partitionCount, shardingColumns, identityColumns, false, false, false);
    }

    /**
     * Settings for a topic read as it is, with nothing known of its source: sharding keys from the
     * record keys, no replay allowed, nothing in flight; see {@link #allowingReplays()} and {@link #whileWritten()}.
     */
    public static VerifierSettings forTopic(OrderingGuarantee guarantee, int partitionCount) {
        return new VerifierSettings(guarantee, partitionCount, Map.of(), Map.of(), false, true, false);
    }

    /** These settings with replayed suffixes allowed, for a topic written at-least-once after a crash or restart. */
    public VerifierSettings allowingReplays() {
        return new VerifierSettings(guarantee, partitionCount, shardingColumns, identityColumns, true, keysFromRecords, openEnded);
    }

    /** These settings for a topic that may still be being written: what may be in flight at its end is a notice. */
    public VerifierSettings whileWritten() {
        return new VerifierSettings(guarantee, partitionCount, shardingColumns, identityColumns, replaysAllowed, keysFromRecords, true);
    }

    ShardingColumns shardingColumnsOf(ConsumedRecord record) {
        ShardingColumns columns = shardingColumns.get(record.table());
        if (columns == null) {
            throw new IllegalArgumentException("no sharding columns for table " + record.table() + " (record at " + record.position()
                    + ") in the verifier settings; add them to shardingColumns, which has " + new TreeMap<>(shardingColumns).keySet());
        }
        return columns;
    }

    List<String> identityColumnsOf(ConsumedRecord record) {
        List<String> columns = identityColumns.get(record.table());
        if (columns == null) {
            throw new IllegalArgumentException("no identity columns for table " + record.table() + " (record at " + record.position()
                    + ") in the verifier settings; add them to identityColumns, which has " + new TreeMap<>(identityColumns).keySet());
        }
        return columns;
    }
}
