package dev.orderly.domain.verify;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.CommitSequence;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.ordering.TransactionRouter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A small shop workload written to a topic by the production {@link TransactionRouter}, as a correct
 * pipeline would write it, plus what the source committed; tests plant faults in copies of it.
 */
final class TestingTopic {

    /** Sharded by the configured {@code customer_id}, so changing an order's customer changes its key. */
    static final TableId ORDERS = TableId.parse("shop.orders");
    static final TableId CUSTOMERS = TableId.parse("shop.customers");
    /** No key, {@code no-key: partition-0}. */
    static final TableId AUDIT = TableId.parse("shop.audit");
    /** No key, {@code no-key: table}. */
    static final TableId EVENTS = TableId.parse("shop.events");
    static final int PARTITIONS = 8;

    static final Map<TableId, ShardingColumns> SHARDING = Map.of(
            ORDERS, new ShardingColumns(ORDERS, List.of("customer_id"), ShardingColumns.Origin.CONFIGURED),
            CUSTOMERS, new ShardingColumns(CUSTOMERS, List.of("id"), ShardingColumns.Origin.PRIMARY_KEY),
            AUDIT, new ShardingColumns(AUDIT, List.of(), ShardingColumns.Origin.NO_KEY_PARTITION_ZERO),
            EVENTS, new ShardingColumns(EVENTS, List.of(), ShardingColumns.Origin.NO_KEY_TABLE));
    static final Map<TableId, List<String>> IDENTITY = Map.of(
            ORDERS, List.of("id"), CUSTOMERS, List.of("id"), AUDIT, List.of("note"), EVENTS, List.of("name"));

    private TestingTopic() {
    }

    static VerifierSettings total() {
        return new VerifierSettings(OrderingGuarantee.TOTAL, 1, Map.of(), IDENTITY);
    }

    static VerifierSettings perKey() {
        return new VerifierSettings(OrderingGuarantee.PER_KEY, PARTITIONS, SHARDING, IDENTITY);
    }

    static Row order(long id, long customer, long amount) {
        return Row.of(Map.of("id", id, "customer_id", customer, "amount", amount));
    }

    static Row customer(long id, String name) {
        return Row.of(Map.of("id", id, "name", name));
    }

    static Row note(String note) {
        return Row.of(Map.of("note", note));
    }

    static Row event(String name) {
        return Row.of(Map.of("name", name));
    }

    static Transaction transaction(String id, ChangeEvent... changes) {
        return new Transaction(id, List.of(changes), new SourcePosition(id, "after " + id));
    }

    /** Eight transactions: same keys updated again, a key change, delete and re-insert, keyless tables, several tables in one. */
    static List<Transaction> workload() {
        Map<String, Object> source = Map.of();
        return List.of(
                transaction("gtid:1", ChangeEvent.insert(CUSTOMERS, customer(7, "ann"), source),
                        ChangeEvent.insert(ORDERS, order(1, 7, 10), source),
                        ChangeEvent.insert(AUDIT, note("a1"), source)),
                transaction("gtid:2", ChangeEvent.update(ORDERS, order(1, 7, 10), order(1, 7, 20), source)),
                transaction("gtid:3", ChangeEvent.update(ORDERS, order(1, 7, 20), order(1, 5, 20), source),
                        ChangeEvent.insert(CUSTOMERS, customer(5, "bob"), source)),
                transaction("gtid:4", ChangeEvent.insert(ORDERS, order(2, 5, 5), source),
                        ChangeEvent.insert(EVENTS, event("e1"), source)),
                transaction("gtid:5", ChangeEvent.delete(ORDERS, order(1, 5, 20), source),
                        ChangeEvent.update(CUSTOMERS, customer(7, "ann"), customer(7, "anne"), source)),
                transaction("gtid:6", ChangeEvent.insert(ORDERS, order(1, 7, 30), source),
                        ChangeEvent.update(EVENTS, event("e1"), event("e2"), source)),
                transaction("gtid:7", ChangeEvent.update(ORDERS, order(2, 5, 5), order(2, 5, 6), source)),
                transaction("gtid:8", ChangeEvent.delete(CUSTOMERS, customer(5, "bob"), source),
                        ChangeEvent.insert(AUDIT, note("a2"), source)));
    }

    /** The records {@code one_partition} writes: seq from 1, everything in partition 0. */
    static List<ConsumedRecord> onePartition(List<Transaction> transactions) {
        return Writer.onePartition().writeAll(transactions).records();
    }

    /** The records {@code hash} writes to {@link #PARTITIONS} partitions: seq from 1, key changes split. */
    static List<ConsumedRecord> hash(List<Transaction> transactions) {
        return Writer.hash().writeAll(transactions).records();
    }

    /**
     * Writes a topic as the pipeline does: transactions routed by the production {@link TransactionRouter}
     * with seq from 1, schema changes taking a seq of their own (in partition 0, or a copy in every
     * partition under {@code hash}) and setting their tables' schema version, and watermarks in every
     * partition. Offsets count from 0 in each partition.
     */
    static final class Writer {

        private final TransactionRouter router;
        private final int partitionCount;
        private final boolean broadcastSchemaChanges;
        private final CommitSequence sequence = new CommitSequence(0);
        private final Map<Integer, Long> nextOffset = new HashMap<>();
        private final Map<TableId, Long> schemaVersions = new HashMap<>();
        private final List<ConsumedRecord> records = new ArrayList<>();
        private final List<ControlRecord> controls = new ArrayList<>();

        private Writer(TransactionRouter router, int partitionCount, boolean broadcastSchemaChanges) {
            this.router = router;
            this.partitionCount = partitionCount;
            this.broadcastSchemaChanges = broadcastSchemaChanges;
        }

        static Writer onePartition() {
            return new Writer(new TransactionRouter(SHARDING::get, (change, key, count) -> 0, "one_partition", false), 1, false);
        }

        static Writer hash() {
            return new Writer(new TransactionRouter(SHARDING::get, (change, key, count) -> KeyHash.partition(key, count), "hash", true),
                    PARTITIONS, true);
        }

        Writer writeAll(List<Transaction> transactions) {
            transactions.forEach(this::write);
            return this;
        }

        Writer write(Transaction transaction) {
            for (RoutedRecord routed : router.route(transaction, sequence.next(), partitionCount)) {
                ChangeEvent change = routed.change();
                records.add(new ConsumedRecord(routed.partition(), nextOffset(routed.partition()), routed.key().isNone() ? null : routed.key().encoded(),
                        change.table(), change.operation(), change.before(), change.after(), routed.txn(), routed.split(),
                        schemaVersions.getOrDefault(change.table(), 0L)));
            }
            return this;
        }

        Writer schemaChange(TableId... tables) {
            long seq = sequence.next();
            for (int partition = 0; partition < (broadcastSchemaChanges ? partitionCount : 1); partition++) {
                controls.add(ControlRecord.schemaChange(partition, nextOffset(partition), seq, "ddl-" + seq, List.of(tables)));
            }
            for (TableId table : tables) {
                schemaVersions.put(table, seq);
            }
            return this;
        }

        /** A watermark of the last seq written, in every partition. */
        Writer watermark() {
            for (int partition = 0; partition < partitionCount; partition++) {
                controls.add(ControlRecord.watermark(partition, nextOffset(partition), sequence.last()));
            }
            return this;
        }

        List<ConsumedRecord> records() {
            return records;
        }

        List<ControlRecord> controls() {
            return controls;
        }

        private long nextOffset(int partition) {
            return nextOffset.merge(partition, 1L, Long::sum) - 1;
        }
    }

    /** What the source committed, as a test would build it from the binlog listing. */
    static List<CommittedTransaction> committed(List<Transaction> transactions) {
        return transactions.stream()
                .map(transaction -> new CommittedTransaction(transaction.id(),
                        transaction.changes().stream().map(TestingTopic::committed).collect(Collectors.toList())))
                .collect(Collectors.toList());
    }

    private static CommittedChange committed(ChangeEvent change) {
        List<String> identity = IDENTITY.get(change.table());
        return new CommittedChange(change.table(), change.operation(), change.before() == null ? null : change.before().project(identity),
                change.after() == null ? null : change.after().project(identity));
    }

    static ConsumedRecord at(List<ConsumedRecord> records, long seq, int index) {
        return records.stream()
                .filter(record -> record.txn().seq() == seq && record.txn().index() == index)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record with seq " + seq + " index " + index));
    }

    static ConsumedRecord movedTo(ConsumedRecord record, int partition, long offset) {
        return new ConsumedRecord(partition, offset, record.key(), record.table(), record.operation(), record.before(), record.after(),
                record.txn(), record.split(), record.schemaVersion());
    }

    static ConsumedRecord withSplit(ConsumedRecord record, SplitRole split) {
        return new ConsumedRecord(record.partition(), record.offset(), record.key(), record.table(), record.operation(), record.before(),
                record.after(), record.txn(), split, record.schemaVersion());
    }

    static ConsumedRecord withTxn(ConsumedRecord record, TransactionMark txn) {
        return new ConsumedRecord(record.partition(), record.offset(), record.key(), record.table(), record.operation(), record.before(),
                record.after(), txn, record.split(), record.schemaVersion());
    }

    static ConsumedRecord withKey(ConsumedRecord record, byte[] key) {
        return new ConsumedRecord(record.partition(), record.offset(), key, record.table(), record.operation(), record.before(),
                record.after(), record.txn(), record.split(), record.schemaVersion());
    }

    static ConsumedRecord withSchemaVersion(ConsumedRecord record, long schemaVersion) {
        return new ConsumedRecord(record.partition(), record.offset(), record.key(), record.table(), record.operation(), record.before(),
                record.after(), record.txn(), record.split(), schemaVersion);
    }

    /** A copy of {@code records} with each record of {@code replacements}' keys replaced by its value. */
    static List<ConsumedRecord> replaced(List<ConsumedRecord> records, Map<ConsumedRecord, ConsumedRecord> replacements) {
        return records.stream().map(record -> replacements.getOrDefault(record, record)).collect(Collectors.toList());
    }

    static List<ConsumedRecord> replaced(List<ConsumedRecord> records, ConsumedRecord old, ConsumedRecord replacement) {
        Map<ConsumedRecord, ConsumedRecord> replacements = new LinkedHashMap<>();
        replacements.put(old, replacement);
        return replaced(records, replacements);
    }

    /** What a restart writes: each record of {@code stream} that {@code resent} selects, again, at the next offsets of its partition. */
    static List<ConsumedRecord> replayed(List<ConsumedRecord> stream, Predicate<ConsumedRecord> resent) {
        return appended(stream, stream.stream().filter(resent).toList());
    }

    /** {@code stream} and then {@code more}, each record of {@code more} at the next offset of its partition. */
    static List<ConsumedRecord> appended(List<ConsumedRecord> stream, List<ConsumedRecord> more) {
        return appended(stream, List.of(), more);
    }

    /** {@code stream} and then {@code more}, each record of {@code more} at the next offset of its partition after data and controls. */
    static List<ConsumedRecord> appended(List<ConsumedRecord> stream, List<ControlRecord> controls, List<ConsumedRecord> more) {
        Map<Integer, Long> nextOffset = new HashMap<>();
        stream.forEach(record -> nextOffset.merge(record.partition(), record.offset() + 1, Math::max));
        controls.forEach(control -> nextOffset.merge(control.partition(), control.offset() + 1, Math::max));
        List<ConsumedRecord> result = new ArrayList<>(stream);
        for (ConsumedRecord record : more) {
            long offset = nextOffset.merge(record.partition(), 1L, Long::sum) - 1;
            result.add(movedTo(record, record.partition(), offset));
        }
        return result;
    }

    static List<ConsumedRecord> without(List<ConsumedRecord> records, Predicate<ConsumedRecord> unwanted) {
        return records.stream().filter(unwanted.negate()).collect(Collectors.toList());
    }

    static Predicate<ConsumedRecord> ofSeq(long seq) {
        return record -> record.txn() != null && record.txn().seq() == seq;
    }
}
