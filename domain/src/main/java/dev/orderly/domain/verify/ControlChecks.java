package dev.orderly.domain.verify;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.ShardingColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The checks that read the control records together with the data records of each partition:
 * watermarks (H5) and schema changes (H6). Data records are those left after repeats were removed,
 * so a replayed suffix is not judged again.
 */
final class ControlChecks {

    /** One entry of a partition in offset order: a data record or a control record. */
    private record Entry(ConsumedRecord record, ControlRecord control) {

        long offset() {
            return record != null ? record.offset() : control.offset();
        }
    }

    private final Map<Integer, List<ConsumedRecord>> keptByPartition = new HashMap<>();
    /** The tables with at least one row that has a record key. */
    private final Set<TableId> keyedTables = new HashSet<>();
    private final TopicControls controls;
    private final VerifierSettings settings;
    private final WrittenFrontier frontier;
    private final List<Violation> violations;
    private final List<Notice> notices;

    /**
     * @param kept the data records without repeats, in (partition, offset) order
     * @param violations where violations go
     * @param notices where notices go
     */
    ControlChecks(List<ConsumedRecord> kept, TopicControls controls, VerifierSettings settings, WrittenFrontier frontier,
                  List<Violation> violations, List<Notice> notices) {
        for (ConsumedRecord record : kept) {
            keptByPartition.computeIfAbsent(record.partition(), partition -> new ArrayList<>()).add(record);
            if (record.key() != null && record.key().length > 0) {
                keyedTables.add(record.table());
            }
        }
        this.controls = controls;
        this.settings = settings;
        this.frontier = frontier;
        this.violations = violations;
        this.notices = notices;
    }

    /**
     * H5, per partition: watermarks do not go back (a restart may repeat a lower one when replays are
     * allowed), and no record of a seq up to a watermark follows it. Over the topic: the highest
     * watermark claims no seq the topic lacks at its end.
     *
     * @param highestSeq the highest seq of a transaction or schema change in the topic; 0 when none
     */
    void checkWatermarks(long highestSeq) {
        for (int partition : partitions()) {
            ControlRecord highest = null;
            for (Entry entry : entries(partition)) {
                ControlRecord control = entry.control();
                if (control != null && control.kind() == ControlRecord.Kind.WATERMARK) {
                    if (highest != null && control.seq() < highest.seq() && !settings.replaysAllowed()) {
                        violations.add(Violation.at("H5", control, "watermark " + control.seq() + " at offset " + control.offset()
                                + " is lower than watermark " + highest.seq() + " at offset " + highest.offset() + " before it in partition "
                                + partition + "; watermarks never go back"));
                    }
                    if (highest == null || control.seq() > highest.seq()) {
                        highest = control;
                    }
                } else if (highest != null) {
                    checkNotAfterWatermark(entry, highest);
                }
            }
        }
        controls.highestWatermark().filter(watermark -> watermark.seq() > highestSeq).ifPresent(watermark ->
                violations.add(Violation.at("H5", watermark, "watermark " + watermark.seq() + " says every transaction up to seq "
                        + watermark.seq() + " is written, but " + (highestSeq == 0 ? "the topic holds no transaction"
                        : "the highest seq in the topic is " + highestSeq + ": seq " + (highestSeq + 1)
                        + (highestSeq + 1 == watermark.seq() ? "" : " to " + watermark.seq()) + " are missing"))));
    }

    private void checkNotAfterWatermark(Entry entry, ControlRecord watermark) {
        long seq;
        String what;
        if (entry.record() != null) {
            if (entry.record().txn() == null) {
                return;
            }
            seq = entry.record().txn().seq();
            what = "seq " + seq + " index " + entry.record().txn().index() + " (id '" + entry.record().txn().id() + "')";
        } else if (entry.control().kind() == ControlRecord.Kind.DDL) {
            seq = entry.control().seq();
            what = "the schema change seq " + seq;
        } else {
            return;
        }
        if (seq <= watermark.seq()) {
            String message = what + " at offset " + entry.offset() + " comes after watermark " + watermark.seq() + " at offset "
                    + watermark.offset() + " of partition " + watermark.partition() + ", which says every record of the transactions up to seq "
                    + watermark.seq() + " precedes it there";
            violations.add(entry.record() != null ? Violation.at("H5", entry.record(), message) : Violation.at("H5", entry.control(), message));
        }
    }

    /**
     * H6, per partition: the rows of a table before a schema change of it carry a schema version
     * below the change's seq, and the rows after it carry that version or a later one.
     */
    void checkSchemaVersions() {
        for (int partition : partitions()) {
            Map<TableId, ControlRecord> lastChange = new HashMap<>();
            Map<TableId, ConsumedRecord> newestRowSinceChange = new HashMap<>();
            for (Entry entry : entries(partition)) {
                ConsumedRecord row = entry.record();
                if (row != null) {
                    ControlRecord change = lastChange.get(row.table());
                    if (change != null && row.schemaVersion() < change.seq()) {
                        violations.add(Violation.at("H6", row, "row of " + row.table() + " at " + row.position() + " carries schema version "
                                + row.schemaVersion() + " but the schema change seq " + change.seq() + " of it at offset " + change.offset()
                                + " precedes it; rows after a schema change carry its seq as their version, or a later one"));
                    }
                    newestRowSinceChange.merge(row.table(), row, (old, now) -> now.schemaVersion() > old.schemaVersion() ? now : old);
                } else if (entry.control().kind() == ControlRecord.Kind.DDL) {
                    ControlRecord change = entry.control();
                    for (TableId table : change.tables()) {
                        ConsumedRecord before = newestRowSinceChange.remove(table);
                        if (before != null && before.schemaVersion() >= change.seq()) {
                            violations.add(Violation.at("H6", before, "row of " + table + " at " + before.position() + " carries schema version "
                                    + before.schemaVersion() + " but comes before the schema change seq " + change.seq() + " of it at offset "
                                    + change.offset() + "; rows before a schema change carry a lower version"));
                        }
                        lastChange.put(table, change);
                    }
                }
            }
        }
    }

    /**
     * H6 under {@code hash}: each schema change has a copy in every partition, except one of tables
     * that go to partition 0 alone ({@code no-key: partition-0}) and partitions added by a repartition
     * after it. A copy missing where the topic does not yet prove it written is a notice.
     */
    void checkSchemaChangesInEveryPartition() {
        for (List<ControlRecord> copies : controls.schemaChangesBySeq().values()) {
            ControlRecord first = copies.get(0);
            SortedSet<Integer> holding = copies.stream().map(ControlRecord::partition).collect(Collectors.toCollection(TreeSet::new));
            if (holding.equals(Set.of(0)) && mayGoToPartitionZeroAlone(first.tables())) {
                continue;
            }
            List<Integer> missing = new ArrayList<>();
            List<Integer> inFlight = new ArrayList<>();
            for (int partition = 0; partition < settings.partitionCount(); partition++) {
                if (holding.contains(partition) || addedAfter(partition, copies)) {
                    continue;
                }
                (frontier.provesIn(partition, first.seq()) ? missing : inFlight).add(partition);
            }
            String change = "the schema change seq " + first.seq() + " of " + first.tables();
            if (!missing.isEmpty()) {
                violations.add(Violation.at("H6", first, change + " is in partitions " + holding + " but not in " + missing
                        + "; in hash mode it goes to every partition, a barrier between the rows before and after it"));
            }
            if (!inFlight.isEmpty()) {
                notices.add(new Notice(Notice.Kind.IN_FLIGHT, first.partition(), first.offset(), change + " is not in partitions " + inFlight
                        + " yet; " + frontier.whyInFlight()));
            }
        }
    }

    /**
     * Whether the tables may be of the {@code no-key: partition-0} policy, whose schema changes go to
     * partition 0 only: by their sharding columns when known, else by their rows (all without a key);
     * a table without rows may be.
     */
    private boolean mayGoToPartitionZeroAlone(List<TableId> tables) {
        for (TableId table : tables) {
            if (settings.keysFromRecords()) {
                if (keyedTables.contains(table)) {
                    return false;
                }
            } else {
                ShardingColumns columns = settings.shardingColumns().get(table);
                if (columns != null && columns.origin() != ShardingColumns.Origin.NO_KEY_PARTITION_ZERO) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a partition was added by a repartition after the schema change: its first entry is the
     * marker of an epoch whose marker, in a partition holding a copy, comes after the copy.
     */
    private boolean addedAfter(int partition, List<ControlRecord> copies) {
        List<ControlRecord> controlRecords = controls.in(partition);
        List<ConsumedRecord> records = keptByPartition.getOrDefault(partition, List.of());
        if (controlRecords.isEmpty() || controlRecords.get(0).kind() != ControlRecord.Kind.EPOCH
                || (!records.isEmpty() && records.get(0).offset() < controlRecords.get(0).offset())) {
            return false;
        }
        long epoch = controlRecords.get(0).epoch();
        for (ControlRecord copy : copies) {
            Optional<ControlRecord> marker = controls.epochMarker(copy.partition(), epoch);
            if (marker.isPresent() && marker.get().offset() > copy.offset()) {
                return true;
            }
        }
        return false;
    }

    private SortedSet<Integer> partitions() {
        SortedSet<Integer> partitions = new TreeSet<>(keptByPartition.keySet());
        partitions.addAll(controls.partitions());
        return partitions;
    }

    /** A partition's data and control records merged in offset order. */
    private List<Entry> entries(int partition) {
        List<ConsumedRecord> records = keptByPartition.getOrDefault(partition, List.of());
        List<ControlRecord> controlRecords = controls.in(partition);
        List<Entry> entries = new ArrayList<>(records.size() + controlRecords.size());
        int r = 0;
        int c = 0;
        while (r < records.size() || c < controlRecords.size()) {
            boolean recordNext = c == controlRecords.size() || (r < records.size() && records.get(r).offset() < controlRecords.get(c).offset());
            entries.add(recordNext ? new Entry(records.get(r++), null) : new Entry(null, controlRecords.get(c++)));
        }
        return entries;
    }
}
