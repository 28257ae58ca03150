package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.ShardingKey;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks records read back from a topic against the ordering contract (DESIGN.md §1) and reports
 * every violation with the offsets that prove it. Pure and single-threaded; runs in O(n log n) for n
 * records.
 *
 * <p>Under {@link OrderingGuarantee#TOTAL} ({@code one_partition}) it checks O1-O5; the order checks
 * (O2, the order in which transactions start, O4 index order) read partition 0 only, since a record
 * elsewhere is already an O1 violation. Under {@link OrderingGuarantee#PER_KEY} ({@code hash}) it
 * checks H1-H4, O3 (no seq gaps) and O4 (index order within each partition). H2's "all records of a
 * key in one partition" is reported as H1, once per misplaced record: the hash fixes that one
 * partition. With the committed transactions it also checks commit order (O3), the changes of each
 * transaction (O4, MISMATCH) and that nothing is lost or extra.
 *
 * <p>A record seen twice (same seq and index) is reported as DUPLICATE and left out of every other
 * check, so a replayed suffix does not also show up as interleaving or disorder. With
 * {@link VerifierSettings#replaysAllowed()} (at-least-once, D1), a repeat that is part of a replayed
 * suffix starting at a transaction boundary ({@link ReplayedSuffixes}) is no violation but is counted
 * in {@link VerificationReport#replayedRecords()} and noted ({@link Notice.Kind#REPLAY}); every other
 * check runs on the stream without it.
 *
 * <p>With the topic's control records it also checks watermarks (H5: per partition they never go
 * back, no record of a seq up to a watermark follows it, and no watermark claims a seq the topic
 * lacks) and schema changes (H6: a schema change takes a seq of its own, which counts in the seq gap
 * check; under {@code hash} it has a copy in every partition; under {@code one_partition} it stands in
 * partition 0 in seq order between whole transactions; in each partition the rows of its tables
 * carry a schema version below its seq before it and at least its seq after it). Records that precede
 * an epoch marker in their partition were routed with an earlier partition count, which the marker
 * does not say, so H1 skips them.
 *
 * <p>A topic read without its source's history ({@link VerifierSettings#forTopic}) is checked with
 * the record keys as sharding keys. One that may still be written ({@link VerifierSettings#openEnded()})
 * may end with transactions whose records are in flight: a transaction that is torn or missing beyond
 * what the topic proves written (above its watermarks, and not followed by a later record in every
 * partition that could hold it) is noted ({@link Notice.Kind#IN_FLIGHT}), not
 * reported. The verifier holds every record it is given: memory grows with the topic.
 */
public final class OrderVerifier {

    private static final Comparator<ConsumedRecord> STREAM_ORDER =
            Comparator.comparingInt(ConsumedRecord::partition).thenComparingLong(ConsumedRecord::offset);
    private static final Comparator<TransactionMark> COMMIT_ORDER =
            Comparator.comparingLong(TransactionMark::seq).thenComparingInt(TransactionMark::index);
    private static final int LISTED_INDICES = 10;

    /** A record's place in the commit order, which no two records may share. */
    private record SeqIndex(long seq, int index) {
    }

    /** A sharding key read from a record key, for a topic whose sharding columns are not known; compared by its bytes. */
    private record RecordKey(byte[] bytes) {

        static RecordKey of(ConsumedRecord record) {
            byte[] key = record.key();
            return new RecordKey(key == null ? new byte[0] : key);
        }

        boolean isNone() {
            return bytes.length == 0;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RecordKey key && Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return isNone() ? "(no key)" : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Where a seq was seen, for the gap check: a transaction's anchor, or a schema change's first copy. */
    private record SeqHolder(String description, int partition, long offset) {

        String position() {
            return "partition " + partition + " offset " + offset;
        }
    }

    /**
     * An entry of partition 0 in the total-order walk: a data record, or a schema change, which is a
     * transaction of one record.
     */
    private record Placed(long offset, long seq, int index, ConsumedRecord record, ControlRecord schemaChange) {

        static Placed of(ConsumedRecord record) {
            return new Placed(record.offset(), record.txn().seq(), record.txn().index(), record, null);
        }

        static Placed of(ControlRecord schemaChange) {
            return new Placed(schemaChange.offset(), schemaChange.seq(), 0, null, schemaChange);
        }

        /** {@code seq S index I}, or {@code the schema change seq S}. */
        String label() {
            return record != null ? "seq " + seq + " index " + index : "the schema change seq " + seq;
        }

        Violation violation(String rule, String message) {
            return record != null ? Violation.at(rule, record, message) : Violation.at(rule, schemaChange, message);
        }
    }

    private final VerifierSettings settings;
    private final boolean totalOrder;
    private final String transactionFieldsRule;
    private final List<ConsumedRecord> records;
    private final TopicControls controls;
    /** The records without duplicates, in (partition, offset) order; records without transaction fields included. */
    private final List<ConsumedRecord> kept = new ArrayList<>();
    private final SortedMap<Long, TopicTransaction> transactions = new TreeMap<>();
    /** The seqs of the transactions that are torn or missing but may still be in flight. */
    private final Set<Long> inFlight = new HashSet<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private long replayedRecords;
    private WrittenFrontier frontier;

    private OrderVerifier(List<ConsumedRecord> records, List<ControlRecord> controls, VerifierSettings settings) {
        this.settings = settings;
        this.totalOrder = settings.guarantee() == OrderingGuarantee.TOTAL;
        this.transactionFieldsRule = totalOrder ? "O5" : "H4";
        this.records = new ArrayList<>(records);
        this.records.sort(STREAM_ORDER);
        this.controls = TopicControls.of(controls, settings.replaysAllowed());
    }

    /**
     * Checks the data records of a topic alone, as {@link #verify(List, List, VerifierSettings, Optional)}
     * with no control records.
     */
    public static VerificationReport verify(List<ConsumedRecord> records, VerifierSettings settings, Optional<List<CommittedTransaction>> committed) {
        return verify(records, List.of(), settings, committed);
    }

    /**
     * @param records the data records of the topic, decoded; any order, they are sorted by partition and offset
     * @param controls the control records of the topic (watermarks, schema changes, epoch markers); any order
     * @param settings the guarantee, partition count and table metadata to check against
     * @param committed the transactions the source committed, in commit order, when known
     * @return every violation found, and the notices
     * @throws IllegalArgumentException when the settings lack the sharding columns (PER_KEY, unless
     *     {@link VerifierSettings#keysFromRecords()}) or the identity columns (with {@code committed}) of a
     *     table that has records
     */
    public static VerificationReport verify(List<ConsumedRecord> records, List<ControlRecord> controls, VerifierSettings settings,
                                            Optional<List<CommittedTransaction>> committed) {
        requireNonNull(records, "records is null");
        requireNonNull(controls, "controls is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(committed, "committed is null");
        records.forEach(record -> requireNonNull(record, "records contains null"));
        OrderVerifier verifier = new OrderVerifier(records, controls, settings);
        verifier.checkStream();
        committed.ifPresent(verifier::compareWithCommitted);
        return verifier.report();
    }

    private void checkStream() {
        dropDuplicates();
        violations.addAll(controls.violations());
        checkTransactionFieldsPresent();
        groupTransactions();
        frontier = WrittenFrontier.of(settings, kept, controls);
        checkTransactionMarksAgree();
        checkNoSeqGaps();
        checkSchemaChangesTakeTheirOwnSeq();
        ControlChecks controlChecks = new ControlChecks(kept, controls, settings, frontier, violations, notices);
        if (totalOrder) {
            checkAllInPartitionZero();
            checkPartitionZeroOrder();
        } else {
            checkIndexOrderWithinPartitions();
            List<Object> keys = checkPartitionOfEveryKey();
            checkKeyOrder(keys);
            checkKeyChangeHalves();
            controlChecks.checkSchemaChangesInEveryPartition();
        }
        controlChecks.checkWatermarks(highestSeq());
        controlChecks.checkSchemaVersions();
    }

    /** The highest seq of a transaction or schema change in the topic; 0 when there is none. */
    private long highestSeq() {
        long transaction = transactions.isEmpty() ? 0 : transactions.lastKey();
        long schemaChange = controls.schemaChangesBySeq().isEmpty() ? 0 : controls.schemaChangesBySeq().lastKey();
        return Math.max(transaction, schemaChange);
    }

    private void compareWithCommitted(List<CommittedTransaction> committed) {
        committed.forEach(transaction -> requireNonNull(transaction, "committed contains null"));
        violations.addAll(CommittedComparison.compare(new ArrayList<>(transactions.values()), List.copyOf(committed), settings, totalOrder));
    }

    private VerificationReport report() {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparingInt(Violation::partition).thenComparingLong(Violation::offset));
        List<Notice> sortedNotices = new ArrayList<>(notices);
        sortedNotices.sort(Comparator.comparingInt(Notice::partition).thenComparingLong(Notice::offset));
        TreeSet<Integer> partitions = records.stream().map(ConsumedRecord::partition).collect(Collectors.toCollection(TreeSet::new));
        return new VerificationReport(sorted, records.size(), transactions.size(), partitions, replayedRecords, sortedNotices, controls.size());
    }

    /** DUPLICATE: a second record with the same seq and index, unless it belongs to an allowed replay. */
    private void dropDuplicates() {
        if (settings.replaysAllowed()) {
            ReplayedSuffixes.Result separated = ReplayedSuffixes.separate(records);
            kept.addAll(separated.kept());
            violations.addAll(separated.violations());
            notices.addAll(separated.notices());
            replayedRecords = separated.replayed();
            return;
        }
        Map<SeqIndex, ConsumedRecord> firstOf = new HashMap<>();
        for (ConsumedRecord record : records) {
            if (record.txn() == null) {
                kept.add(record);
                continue;
            }
            ConsumedRecord first = firstOf.putIfAbsent(new SeqIndex(record.txn().seq(), record.txn().index()), record);
            if (first == null) {
                kept.add(record);
            } else {
                violations.add(Violation.at("DUPLICATE", record, "seq " + record.txn().seq() + " index " + record.txn().index()
                        + " (id '" + record.txn().id() + "') appears again; its first record is at " + first.position()));
            }
        }
    }

    /** O5 / H4: every record says where it stands in its transaction. */
    private void checkTransactionFieldsPresent() {
        for (ConsumedRecord record : kept) {
            if (record.txn() == null) {
                violations.add(Violation.at(transactionFieldsRule, record, "record of " + record.table()
                        + " has no transaction fields (id, seq, index, count), so a consumer cannot tell whether its transaction is complete"));
            }
        }
    }

    private void groupTransactions() {
        for (ConsumedRecord record : kept) {
            if (record.txn() != null) {
                transactions.computeIfAbsent(record.txn().seq(), TopicTransaction::new).add(record);
            }
        }
    }

    /**
     * O5 / H4: the records of a transaction agree on its id and count (records of a streamed
     * transaction before its last part carry no count), and all {@code count} of them are there.
     */
    private void checkTransactionMarksAgree() {
        for (TopicTransaction transaction : transactions.values()) {
            TransactionMark reference = transaction.reference();
            ConsumedRecord first = transaction.records().get(0);
            Optional<ConsumedRecord> counted = transaction.counted();
            for (ConsumedRecord record : transaction.records()) {
                counted.ifPresent(withCount -> checkCountAgrees(record, withCount));
                checkIdAgrees(record, reference, first);
            }
            checkAllRecordsPresent(transaction);
        }
    }

    private void checkCountAgrees(ConsumedRecord record, ConsumedRecord counted) {
        int count = counted.txn().count();
        if (record.txn().countKnown() && record.txn().count() != count) {
            violations.add(Violation.at(transactionFieldsRule, record, "record says seq " + record.txn().seq() + " has count "
                    + record.txn().count() + " but the record at " + counted.position() + " says count " + count));
        }
    }

    private void checkIdAgrees(ConsumedRecord record, TransactionMark reference, ConsumedRecord first) {
        if (!record.txn().id().equals(reference.id())) {
            violations.add(Violation.at(transactionFieldsRule, record, "record says seq " + reference.seq() + " has id '"
                    + record.txn().id() + "' but the record at " + first.position() + " says id '" + reference.id() + "'"));
        }
    }

    /**
     * A torn transaction is reported at the record after its first missing index (else its last
     * record); beyond what an open-ended topic proves written it is noted as in flight instead.
     */
    private void checkAllRecordsPresent(TopicTransaction transaction) {
        BitSet missing = transaction.missingIndices();
        int count = transaction.count();
        if (missing.isEmpty() && count != TransactionMark.UNKNOWN_COUNT) {
            return;
        }
        List<ConsumedRecord> byIndex = transaction.byIndex();
        ConsumedRecord last = byIndex.get(byIndex.size() - 1);
        ConsumedRecord at = last;
        String what;
        if (missing.isEmpty()) {
            what = transaction.describe() + " has " + byIndex.size() + " records (indices 0 to " + last.txn().index()
                    + ") but none carries the count, which the records of the transaction's last part carry";
        } else {
            int firstMissing = missing.nextSetBit(0);
            at = byIndex.stream().filter(record -> record.txn().index() > firstMissing).findFirst().orElse(last);
            what = count == TransactionMark.UNKNOWN_COUNT
                    ? transaction.describe() + " has " + byIndex.size() + " records, none of which carries the count; missing index(es) "
                            + listed(missing)
                    : transaction.describe() + " has " + (count - missing.cardinality()) + " of its " + count + " records; missing index(es) "
                            + listed(missing);
        }
        if (!frontier.proves(transaction.seq())) {
            inFlight.add(transaction.seq());
            notices.add(Notice.at(Notice.Kind.IN_FLIGHT, at, what + "; " + frontier.whyInFlight()));
            return;
        }
        String claimed = controls.highestWatermark().filter(watermark -> watermark.seq() >= transaction.seq())
                .map(watermark -> ", although watermark " + watermark.seq() + " at " + watermark.position() + " says it is complete")
                .orElse("");
        violations.add(Violation.at(transactionFieldsRule, at, what + "; the transaction is torn" + claimed));
    }

    /**
     * O3: seq values are consecutive from the first one seen; a schema change's seq counts. A gap
     * beyond what an open-ended topic proves written is noted as in flight instead.
     */
    private void checkNoSeqGaps() {
        SortedMap<Long, SeqHolder> seen = new TreeMap<>();
        for (TopicTransaction transaction : transactions.values()) {
            ConsumedRecord anchor = transaction.anchor(totalOrder);
            seen.put(transaction.seq(), new SeqHolder(transaction.describe(), anchor.partition(), anchor.offset()));
        }
        controls.schemaChangesBySeq().forEach((seq, copies) -> seen.putIfAbsent(seq,
                new SeqHolder("the schema change seq " + seq + " of " + copies.get(0).tables(), copies.get(0).partition(), copies.get(0).offset())));
        long previousSeq = -1;
        SeqHolder previous = null;
        for (Map.Entry<Long, SeqHolder> entry : seen.entrySet()) {
            long seq = entry.getKey();
            SeqHolder holder = entry.getValue();
            if (previous != null && seq != previousSeq + 1) {
                long from = previousSeq + 1;
                long to = seq - 1;
                String missing = from == to ? "seq " + from + " is" : "seq " + from + " to " + to + " are";
                String message = missing + " missing: " + previous.description() + " (at " + previous.position() + ") is followed by "
                        + holder.description();
                if (frontier.proves(from)) {
                    violations.add(new Violation("O3", holder.partition(), holder.offset(), message));
                } else {
                    notices.add(new Notice(Notice.Kind.IN_FLIGHT, holder.partition(), holder.offset(), message + "; " + frontier.whyInFlight()));
                }
            }
            previousSeq = seq;
            previous = holder;
        }
    }

    /** O5 / H4: a schema change takes a seq of its own, which no transaction shares. */
    private void checkSchemaChangesTakeTheirOwnSeq() {
        controls.schemaChangesBySeq().forEach((seq, copies) -> {
            TopicTransaction transaction = transactions.get(seq);
            if (transaction != null) {
                violations.add(Violation.at(transactionFieldsRule, copies.get(0), "the schema change of " + copies.get(0).tables() + " has seq "
                        + seq + ", which " + transaction.describe() + " at " + transaction.anchor(totalOrder).position()
                        + " also has; a schema change takes a seq of its own"));
            }
        });
    }

    /** O1: one_partition writes every record to partition 0. */
    private void checkAllInPartitionZero() {
        for (ConsumedRecord record : kept) {
            if (record.partition() != 0) {
                violations.add(Violation.at("O1", record, "record of " + record.table() + describeMark(record)
                        + " is in partition " + record.partition() + "; one_partition writes every record to partition 0"));
            }
        }
        controls.schemaChangesBySeq().values().forEach(copies -> copies.stream().filter(copy -> copy.partition() != 0).forEach(copy ->
                violations.add(Violation.at("O1", copy, "the schema change seq " + copy.seq() + " of " + copy.tables() + " is in partition "
                        + copy.partition() + "; one_partition writes it to partition 0 alone, in seq order with the transactions"))));
    }

    /**
     * Walks partition 0 in offset order, schema changes among the records as transactions of one
     * record: O2 a transaction's records are not interleaved with another's (nor cut by a schema
     * change), O3 transactions and schema changes start in seq order, O4 indices rise within a transaction.
     */
    private void checkPartitionZeroOrder() {
        List<Placed> walk = new ArrayList<>();
        kept.stream().filter(record -> record.partition() == 0 && record.txn() != null).forEach(record -> walk.add(Placed.of(record)));
        controls.in(0).stream()
                .filter(control -> control.kind() == ControlRecord.Kind.DDL && !transactions.containsKey(control.seq()))
                .forEach(control -> walk.add(Placed.of(control)));
        walk.sort(Comparator.comparingLong(Placed::offset));
        Map<Long, Placed> lastOfSeq = new HashMap<>();
        Placed previous = null;
        Placed previousStart = null;
        for (Placed placed : walk) {
            Placed last = lastOfSeq.get(placed.seq());
            if (last == null) {
                checkStartsInSeqOrder(placed, previousStart);
                previousStart = placed;
            } else {
                checkContiguous(placed, previous, last);
                checkIndexRises(placed.record(), last.record());
            }
            lastOfSeq.put(placed.seq(), placed);
            previous = placed;
        }
    }

    private void checkStartsInSeqOrder(Placed start, Placed previousStart) {
        if (previousStart != null && start.seq() < previousStart.seq()) {
            String starts = start.record() != null ? "seq " + start.seq() + " (id '" + start.record().txn().id() + "') starts" : start.label() + " is";
            String before = previousStart.record() != null ? "seq " + previousStart.seq() + " started" : previousStart.label();
            violations.add(start.violation("O3", starts + " at offset " + start.offset() + ", after " + before + " at offset "
                    + previousStart.offset() + "; transactions must appear in commit order"));
        }
    }

    private void checkContiguous(Placed record, Placed previous, Placed last) {
        if (previous.seq() != record.seq()) {
            violations.add(record.violation("O2", record.label() + " resumes at offset " + record.offset() + " after " + previous.label()
                    + " at offset " + previous.offset() + "; its previous record is at offset " + last.offset()
                    + ", so another transaction's records sit inside it"));
        }
    }

    private void checkIndexRises(ConsumedRecord record, ConsumedRecord last) {
        if (record.txn().index() < last.txn().index()) {
            violations.add(Violation.at("O4", record, "index " + record.txn().index() + " of seq " + record.txn().seq() + " at "
                    + record.position() + " comes after index " + last.txn().index() + " at offset " + last.offset()
                    + "; a transaction's changes must keep their binlog order"));
        }
    }

    /** O4 under hash: within each partition, a transaction's indices rise in offset order. */
    private void checkIndexOrderWithinPartitions() {
        Map<Long, ConsumedRecord> lastOfSeq = new HashMap<>();
        int partition = -1;
        for (ConsumedRecord record : kept) {
            if (record.txn() == null) {
                continue;
            }
            if (record.partition() != partition) {
                lastOfSeq.clear();
                partition = record.partition();
            }
            ConsumedRecord last = lastOfSeq.put(record.txn().seq(), record);
            if (last != null) {
                checkIndexRises(record, last);
            }
        }
    }

    /**
     * H1: each record is in the partition of its sharding key and carries the key's canonical
     * encoding as its record key. With {@link VerifierSettings#keysFromRecords()} the record key is
     * the sharding key. Records before an epoch marker of their partition were routed with an earlier
     * partition count and are not placed again.
     *
     * @return the sharding key ({@link ShardingKey} or {@link RecordKey}) of each kept record, by position in {@code kept}
     */
    private List<Object> checkPartitionOfEveryKey() {
        List<Object> keys = new ArrayList<>(kept.size());
        for (ConsumedRecord record : kept) {
            boolean earlierEpoch = record.offset() < controls.lastEpochMarkerOffset(record.partition());
            if (settings.keysFromRecords()) {
                RecordKey key = RecordKey.of(record);
                keys.add(key);
                if (!earlierEpoch) {
                    checkPartitionOfRecordKey(record, key);
                }
                continue;
            }
            ShardingColumns columns = settings.shardingColumnsOf(record);
            ShardingKey key = columns.keyOf(record.latestImage());
            keys.add(key);
            if (!earlierEpoch) {
                checkPartitionOfKey(record, columns, key);
            }
            checkRecordKey(record, key);
        }
        return keys;
    }

    private void checkPartitionOfRecordKey(ConsumedRecord record, RecordKey key) {
        if (key.isNone()) {
            if (record.partition() != 0) {
                violations.add(Violation.at("H1", record, "record of " + record.table() + describeMark(record) + " has no record key, so its"
                        + " table has no sharding key and no-key is partition-0, but it is in partition " + record.partition()
                        + "; it belongs in partition 0"));
            }
            return;
        }
        int expected = KeyHash.partition(key.bytes(), settings.partitionCount());
        if (record.partition() != expected) {
            violations.add(Violation.at("H1", record, "record of " + record.table() + describeMark(record) + " with record key " + key
                    + " is in partition " + record.partition() + " but toPositive(murmur2(" + key + ")) % " + settings.partitionCount()
                    + " = " + expected));
        }
    }

    private void checkPartitionOfKey(ConsumedRecord record, ShardingColumns columns, ShardingKey key) {
        if (columns.origin() == ShardingColumns.Origin.NO_KEY_PARTITION_ZERO) {
            if (record.partition() != 0) {
                violations.add(Violation.at("H1", record, "record of " + record.table() + describeMark(record) + " is in partition "
                        + record.partition() + " but the table has no key and no-key is partition-0, so it belongs in partition 0"));
            }
            return;
        }
        int expected = KeyHash.partition(key, settings.partitionCount());
        if (record.partition() != expected) {
            violations.add(Violation.at("H1", record, "record of " + record.table() + describeMark(record) + " with sharding key " + key
                    + " (" + columns.origin() + " " + columns.columns() + ") is in partition " + record.partition()
                    + " but toPositive(murmur2(" + key + ")) % " + settings.partitionCount() + " = " + expected));
        }
    }

    private void checkRecordKey(ConsumedRecord record, ShardingKey key) {
        byte[] actual = record.key();
        boolean fits = key.isNone() ? actual == null || actual.length == 0 : Arrays.equals(actual, key.encoded());
        if (!fits) {
            violations.add(Violation.at("H1", record, "record of " + record.table() + describeMark(record) + " has record key "
                    + quoted(actual) + " but the canonical encoding of its sharding key is " + (key.isNone() ? "no key" : quoted(key.encoded()))));
        }
    }

    /** H2: within a partition, the records of one sharding key rise in (seq, index). */
    private void checkKeyOrder(List<Object> keys) {
        Map<Object, ConsumedRecord> lastOfKey = new HashMap<>();
        int partition = -1;
        for (int i = 0; i < kept.size(); i++) {
            ConsumedRecord record = kept.get(i);
            if (record.txn() == null) {
                continue;
            }
            if (record.partition() != partition) {
                lastOfKey.clear();
                partition = record.partition();
            }
            ConsumedRecord last = lastOfKey.put(keys.get(i), record);
            if (last != null && COMMIT_ORDER.compare(record.txn(), last.txn()) < 0) {
                violations.add(Violation.at("H2", record, "changes to key " + keys.get(i) + " are out of commit order in partition "
                        + partition + ": offset " + record.offset() + " is seq " + record.txn().seq() + " index " + record.txn().index()
                        + " but offset " + last.offset() + " before it is seq " + last.txn().seq() + " index " + last.txn().index()));
            }
        }
    }

    /**
     * H3: a key-changing update is a DELETE half at index i followed by its INSERT half at i + 1, with
     * different keys. A transaction that may still be in flight may lack a half for now.
     */
    private void checkKeyChangeHalves() {
        for (TopicTransaction transaction : transactions.values()) {
            if (inFlight.contains(transaction.seq())) {
                continue;
            }
            List<ConsumedRecord> ordered = transaction.byIndex();
            for (int k = 0; k < ordered.size(); k++) {
                ConsumedRecord record = ordered.get(k);
                if (record.split() == SplitRole.KEY_CHANGE_DELETE) {
                    checkDeleteHalf(record, k + 1 < ordered.size() ? ordered.get(k + 1) : null);
                } else if (record.split() == SplitRole.KEY_CHANGE_INSERT) {
                    checkInsertHalf(record, k > 0 ? ordered.get(k - 1) : null);
                }
            }
        }
    }

    private void checkDeleteHalf(ConsumedRecord deleteHalf, ConsumedRecord next) {
        if (!isPartner(next, deleteHalf.txn().index() + 1, SplitRole.KEY_CHANGE_INSERT)) {
            violations.add(Violation.at("H3", deleteHalf, "the DELETE half of a key-changing update of " + deleteHalf.table()
                    + describeMark(deleteHalf) + " is alone: index " + (deleteHalf.txn().index() + 1) + " is "
                    + describeNeighbour(next, deleteHalf.txn().index() + 1) + ", not its INSERT half"));
            return;
        }
        checkHalvesAgree(deleteHalf, next);
    }

    private void checkInsertHalf(ConsumedRecord insertHalf, ConsumedRecord previous) {
        if (!isPartner(previous, insertHalf.txn().index() - 1, SplitRole.KEY_CHANGE_DELETE)) {
            violations.add(Violation.at("H3", insertHalf, "the INSERT half of a key-changing update of " + insertHalf.table()
                    + describeMark(insertHalf) + " is alone: index " + (insertHalf.txn().index() - 1) + " is "
                    + describeNeighbour(previous, insertHalf.txn().index() - 1) + ", not its DELETE half"));
        }
    }

    private static boolean isPartner(ConsumedRecord candidate, int index, SplitRole role) {
        return candidate != null && candidate.txn().index() == index && candidate.split() == role;
    }

    private static String describeNeighbour(ConsumedRecord neighbour, int index) {
        if (neighbour == null || neighbour.txn().index() != index) {
            return "missing";
        }
        return "a " + neighbour.operation() + " of " + neighbour.table() + " with split " + neighbour.split() + " at " + neighbour.position();
    }

    private void checkHalvesAgree(ConsumedRecord deleteHalf, ConsumedRecord insertHalf) {
        String halves = " (" + deleteHalf.table() + describeMark(deleteHalf) + " and index " + insertHalf.txn().index() + " at "
                + insertHalf.position() + ")";
        if (deleteHalf.operation() != Operation.DELETE
                || insertHalf.operation() != Operation.INSERT) {
            violations.add(Violation.at("H3", deleteHalf, "the halves of a key-changing update must be a DELETE and an INSERT but are "
                    + deleteHalf.operation() + " and " + insertHalf.operation() + halves));
        } else if (!deleteHalf.table().equals(insertHalf.table())) {
            violations.add(Violation.at("H3", insertHalf, "the INSERT half is of table " + insertHalf.table()
                    + " but its DELETE half is of another table" + halves));
        } else {
            Object oldKey = shardingKeyOf(deleteHalf);
            if (oldKey.equals(shardingKeyOf(insertHalf))) {
                violations.add(Violation.at("H3", deleteHalf, "an update was split although its sharding key " + oldKey
                        + " did not change" + halves));
            }
        }
    }

    /** The record's sharding key: from its sharding columns, or its record key. */
    private Object shardingKeyOf(ConsumedRecord record) {
        return settings.keysFromRecords() ? RecordKey.of(record) : settings.shardingColumnsOf(record).keyOf(record.latestImage());
    }

    private static String describeMark(ConsumedRecord record) {
        TransactionMark txn = record.txn();
        return txn == null ? "" : " (seq " + txn.seq() + " index " + txn.index() + " of " + txn.count() + ", id '" + txn.id() + "')";
    }

    private static String quoted(byte[] bytes) {
        return bytes == null ? "null" : "'" + new String(bytes, StandardCharsets.UTF_8) + "'";
    }

    private static String listed(BitSet indices) {
        String shown = indices.stream().limit(LISTED_INDICES).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
        return indices.cardinality() <= LISTED_INDICES ? shown : shown + " and " + (indices.cardinality() - LISTED_INDICES) + " more";
    }
}
