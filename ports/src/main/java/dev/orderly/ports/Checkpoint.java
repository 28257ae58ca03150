package dev.orderly.ports;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import java.util.Map;

/**
 * A committed resume point: everything up to {@code position} is acknowledged by the sink.
 *
 * @param position where the source resumes
 * @param seq the commit sequence of the last transaction written, 0 before the first
 * @param partitionCount the topic's partition count the records were routed with (H8)
 * @param epoch the routing epoch: 0 at first, one more each time the partition count is changed with
 *     {@code --accept-repartition}
 * @param schemaVersions each table's schema version at {@code position}: the seq of the last schema
 *     change of it orderly wrote (H6); tables that have seen none are absent (version 0)
 */
public record Checkpoint(SourcePosition position, long seq, int partitionCount, long epoch, Map<TableId, Long> schemaVersions) {

    public Checkpoint {
        requireNonNull(position, "position is null");
        schemaVersions = Map.copyOf(requireNonNull(schemaVersions, "schemaVersions is null"));
        schemaVersions.forEach((table, version) -> {
            if (version < 1 || version > seq) {
                throw new IllegalArgumentException("the schema version of " + table + " must be in [1, seq " + seq + "] but got " + version);
            }
        });
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0 but got " + seq);
        }
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0 but got " + epoch);
        }
    }

    /** A checkpoint of tables that have seen no schema change. */
    public Checkpoint(SourcePosition position, long seq, int partitionCount, long epoch) {
        this(position, seq, partitionCount, epoch, Map.of());
    }

    /** A checkpoint of the first epoch, of tables that have seen no schema change. */
    public Checkpoint(SourcePosition position, long seq, int partitionCount) {
        this(position, seq, partitionCount, 0);
    }
}
