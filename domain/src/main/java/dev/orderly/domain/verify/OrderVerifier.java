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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * in {@link VerificationReport#replayedRecords()}; every other check runs on the stream without it.
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

    private final VerifierSettings settings;
    private final boolean totalOrder;
    private final String transactionFieldsRule;
    private final List<ConsumedRecord> records;
    /** The records without duplicates, in (partition, offset) order; records without transaction fields included. */
    private final List<ConsumedRecord> kept = new ArrayList<>();
    private final SortedMap<Long, TopicTransaction> transactions = new TreeMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private long replayedRecords;

    private OrderVerifier(List<ConsumedRecord> records, VerifierSettings settings) {
        this.settings = settings;
        this.totalOrder = settings.guarantee() == OrderingGuarantee.TOTAL;
        this.transactionFieldsRule = totalOrder ? "O5" : "H4";
        this.records = new ArrayList<>(records);
        this.records.sort(STREAM_ORDER);
    }

    /**
     * @param records the records of the topic, decoded; any order, they are sorted by partition and offset
     * @param settings the guarantee, partition count and table metadata to check against
     * @param committed the transactions the source committed, in commit order, when known
     * @return every violation found
     * @throws IllegalArgumentException when the settings lack the sharding columns (PER_KEY) or the
     *     identity columns (with {@code committed}) of a table that has records
     */
    public static VerificationReport verify(List<ConsumedRecord> records, VerifierSettings settings, Optional<List<CommittedTransaction>> committed) {
        requireNonNull(records, "records is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(committed, "committed is null");
        records.forEach(record -> requireNonNull(record, "records contains null"));
        OrderVerifier verifier = new OrderVerifier(records, settings);
        verifier.checkStream();
        committed.ifPresent(verifier::compareWithCommitted);
        return verifier.report();
    }

    private void checkStream() {
        dropDuplicates();
        checkTransactionFieldsPresent();
        groupTransactions();
        checkTransactionMarksAgree();
        checkNoSeqGaps();
        if (totalOrder) {
            checkAllInPartitionZero();
            checkPartitionZeroOrder();
        } else {
            checkIndexOrderWithinPartitions();
            List<ShardingKey> keys = checkPartitionOfEveryKey();
            checkKeyOrder(keys);
            checkKeyChangeHalves();
        }
    }

    private void compareWithCommitted(List<CommittedTransaction> committed) {
        committed.forEach(transaction -> requireNonNull(transaction, "committed contains null"));
        violations.addAll(CommittedComparison.compare(new ArrayList<>(transactions.values()), List.copyOf(committed), settings, totalOrder));
    }

    private VerificationReport report() {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparingInt(Violation::partition).thenComparingLong(Violation::offset));
        TreeSet<Integer> partitions = records.stream().map(ConsumedRecord::partition).collect(Collectors.toCollection(TreeSet::new));
        return new VerificationReport(sorted, records.size(), transactions.size(), partitions, replayedRecords);
    }

    /** DUPLICATE: a second record with the same seq and index, unless it belongs to an allowed replay. */
    private void dropDuplicates() {
        if (settings.replaysAllowed()) {
            ReplayedSuffixes.Result separated = ReplayedSuffixes.separate(records);
            kept.addAll(separated.kept());
            violations.addAll(separated.violations());
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

    /** O5 / H4: the records of a transaction agree on its id and count, and all {@code count} of them are there. */
    private void checkTransactionMarksAgree() {
        for (TopicTransaction transaction : transactions.values()) {
            TransactionMark reference = transaction.reference();
            ConsumedRecord first = transaction.records().get(0);
            for (ConsumedRecord record : transaction.records()) {
                checkMarkAgrees(record, reference, first);
            }
            checkAllRecordsPresent(transaction);
        }
    }

    private void checkMarkAgrees(ConsumedRecord record, TransactionMark reference, ConsumedRecord first) {
        if (record.txn().count() != reference.count()) {
            violations.add(Violation.at(transactionFieldsRule, record, "record says seq " + reference.seq() + " has count "
                    + record.txn().count() + " but the record at " + first.position() + " says count " + reference.count()));
        }
        if (!record.txn().id().equals(reference.id())) {
            violations.add(Violation.at(transactionFieldsRule, record, "record says seq " + reference.seq() + " has id '"
                    + record.txn().id() + "' but the record at " + first.position() + " says id '" + reference.id() + "'"));
        }
    }

    private void checkAllRecordsPresent(TopicTransaction transaction) {
        BitSet missing = transaction.missingIndices();
        if (missing.isEmpty()) {
            return;
        }
        int firstMissing = missing.nextSetBit(0);
        ConsumedRecord after = transaction.byIndex().stream()
                .filter(record -> record.txn().index() > firstMissing)
                .findFirst()
                .orElse(transaction.byIndex().get(transaction.byIndex().size() - 1));
        violations.add(Violation.at(transactionFieldsRule, after, transaction.describe() + " has "
                + (transaction.reference().count() - missing.cardinality()) + " of its " + transaction.reference().count()
                + " records; missing index(es) " + listed(missing) + "; the transaction is torn"));
    }

    /** O3: seq values are consecutive from the first one seen. */
    private void checkNoSeqGaps() {
        TopicTransaction previous = null;
        for (TopicTransaction transaction : transactions.values()) {
            if (previous != null && transaction.seq() != previous.seq() + 1) {
                long from = previous.seq() + 1;
                long to = transaction.seq() - 1;
                String missing = from == to ? "seq " + from + " is" : "seq " + from + " to " + to + " are";
                violations.add(Violation.at("O3", transaction.anchor(totalOrder), missing + " missing: " + previous.describe()
                        + " (at " + previous.anchor(totalOrder).position() + ") is followed by " + transaction.describe()));
            }
            previous = transaction;
        }
    }

    /** O1: one_partition writes every record to partition 0. */
    private void checkAllInPartitionZero() {
        for (ConsumedRecord record : kept) {
            if (record.partition() != 0) {
                violations.add(Violation.at("O1", record, "record of " + record.table() + describeMark(record)
                        + " is in partition " + record.partition() + "; one_partition writes every record to partition 0"));
            }
        }
    }

    /**
     * Walks partition 0 in offset order: O2 a transaction's records are not interleaved with
     * another's, O3 transactions start in seq order, O4 indices rise within a transaction.
     */
    private void checkPartitionZeroOrder() {
        Map<Long, ConsumedRecord> lastOfSeq = new HashMap<>();
        ConsumedRecord previous = null;
        ConsumedRecord previousStart = null;
        for (ConsumedRecord record : kept) {
            if (record.partition() != 0 || record.txn() == null) {
                continue;
            }
            ConsumedRecord last = lastOfSeq.get(record.txn().seq());
            if (last == null) {
                checkStartsInSeqOrder(record, previousStart);
                previousStart = record;
            } else {
                checkContiguous(record, previous, last);
                checkIndexRises(record, last);
            }
            lastOfSeq.put(record.txn().seq(), record);
            previous = record;
        }
    }

    private void checkStartsInSeqOrder(ConsumedRecord start, ConsumedRecord previousStart) {
        if (previousStart != null && start.txn().seq() < previousStart.txn().seq()) {
            violations.add(Violation.at("O3", start, "seq " + start.txn().seq() + " (id '" + start.txn().id() + "') starts at offset "
                    + start.offset() + ", after seq " + previousStart.txn().seq() + " started at offset " + previousStart.offset()
                    + "; transactions must appear in commit order"));
        }
    }

    private void checkContiguous(ConsumedRecord record, ConsumedRecord previous, ConsumedRecord last) {
        if (previous.txn().seq() != record.txn().seq()) {
            violations.add(Violation.at("O2", record, "seq " + record.txn().seq() + " index " + record.txn().index()
                    + " resumes at offset " + record.offset() + " after seq " + previous.txn().seq() + " index " + previous.txn().index()
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
     * encoding as its record key.
     *
     * @return the sharding key of each kept record, by position in {@code kept}
     */
    private List<ShardingKey> checkPartitionOfEveryKey() {
        List<ShardingKey> keys = new ArrayList<>(kept.size());
        for (ConsumedRecord record : kept) {
            ShardingColumns columns = settings.shardingColumnsOf(record);
            ShardingKey key = columns.keyOf(record.latestImage());
            keys.add(key);
            checkPartitionOfKey(record, columns, key);
            checkRecordKey(record, key);
        }
        return keys;
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
    private void checkKeyOrder(List<ShardingKey> keys) {
        Map<ShardingKey, ConsumedRecord> lastOfKey = new HashMap<>();
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

    /** H3: a key-changing update is a DELETE half at index i followed by its INSERT half at i + 1, with different keys. */
    private void checkKeyChangeHalves() {
        for (TopicTransaction transaction : transactions.values()) {
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
            ShardingColumns columns = settings.shardingColumnsOf(deleteHalf);
            ShardingKey oldKey = columns.keyOf(deleteHalf.latestImage());
            if (oldKey.equals(columns.keyOf(insertHalf.latestImage()))) {
                violations.add(Violation.at("H3", deleteHalf, "an update was split although its sharding key " + oldKey
                        + " did not change" + halves));
            }
        }
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
