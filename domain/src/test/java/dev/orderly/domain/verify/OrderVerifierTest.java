package dev.orderly.domain.verify;

import static dev.orderly.domain.verify.TestingTopic.AUDIT;
import static dev.orderly.domain.verify.TestingTopic.at;
import static dev.orderly.domain.verify.TestingTopic.ORDERS;
import static dev.orderly.domain.verify.TestingTopic.PARTITIONS;
import static dev.orderly.domain.verify.TestingTopic.committed;
import static dev.orderly.domain.verify.TestingTopic.hash;
import static dev.orderly.domain.verify.TestingTopic.movedTo;
import static dev.orderly.domain.verify.TestingTopic.ofSeq;
import static dev.orderly.domain.verify.TestingTopic.onePartition;
import static dev.orderly.domain.verify.TestingTopic.perKey;
import static dev.orderly.domain.verify.TestingTopic.replaced;
import static dev.orderly.domain.verify.TestingTopic.total;
import static dev.orderly.domain.verify.TestingTopic.withKey;
import static dev.orderly.domain.verify.TestingTopic.withSplit;
import static dev.orderly.domain.verify.TestingTopic.withTxn;
import static dev.orderly.domain.verify.TestingTopic.without;
import static dev.orderly.domain.verify.TestingTopic.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.ShardingKey;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderVerifierTest {

    private static final List<Transaction> WORKLOAD = workload();
    private static final Optional<List<CommittedTransaction>> COMMITTED = Optional.of(committed(WORKLOAD));

    private static VerificationReport verifyTotal(List<ConsumedRecord> records) {
        return OrderVerifier.verify(records, total(), COMMITTED);
    }

    private static VerificationReport verifyPerKey(List<ConsumedRecord> records) {
        return OrderVerifier.verify(records, perKey(), COMMITTED);
    }

    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertFound(VerificationReport report) {
        return assertThat(report.violations()).extracting(Violation::rule, Violation::partition, Violation::offset);
    }

    @Nested
    class CleanStreams {

        @Test
        void aOnePartitionStreamFromTheRouterIsClean() {
            VerificationReport report = verifyTotal(onePartition(WORKLOAD));

            assertThat(report.violations()).isEmpty();
            assertThat(report.clean()).isTrue();
            assertThat(report.records()).isEqualTo(15);
            assertThat(report.transactions()).isEqualTo(8);
            assertThat(report.partitionsUsed()).containsExactly(0);
            assertThat(report.summary()).isEqualTo("clean: 15 records, 8 transactions, partitions [0]");
        }

        @Test
        void aHashStreamFromTheRouterIsClean() {
            List<ConsumedRecord> records = hash(WORKLOAD);

            VerificationReport report = verifyPerKey(records);

            assertThat(report.violations()).isEmpty();
            assertThat(report.records()).isEqualTo(16);
            assertThat(report.partitionsUsed()).containsExactly(0, 1, 3, 5);
            assertThat(records).extracting(ConsumedRecord::split).contains(SplitRole.KEY_CHANGE_DELETE, SplitRole.KEY_CHANGE_INSERT);
        }

        @Test
        void snapshotTransactionsBeforeTheStreamedOnesAreCheckedLikeAnyOther() {
            List<Transaction> withSnapshot = new ArrayList<>();
            withSnapshot.add(Transaction.ofSnapshot("snapshot:shop.orders:1", List.of(
                    ChangeEvent.read(ORDERS, TestingTopic.order(50, 5, 100), Map.of()), ChangeEvent.read(ORDERS, TestingTopic.order(51, 7, 100), Map.of()))));
            withSnapshot.add(Transaction.ofSnapshot("snapshot:shop.customers:1", List.of(
                    ChangeEvent.read(TestingTopic.CUSTOMERS, TestingTopic.customer(7, "seven"), Map.of()))));
            withSnapshot.addAll(WORKLOAD);

            assertCleanWithTwoSnapshotTransactions(onePartition(withSnapshot), total());
            assertCleanWithTwoSnapshotTransactions(hash(withSnapshot), perKey());
        }

        private void assertCleanWithTwoSnapshotTransactions(List<ConsumedRecord> records, VerifierSettings settings) {
            VerificationReport report = OrderVerifier.verify(records, settings, Optional.empty());

            assertThat(report.violations()).isEmpty();
            assertThat(report.transactions()).isEqualTo(WORKLOAD.size() + 2);
            assertThat(records).filteredOn(record -> record.operation() == Operation.READ).extracting(record -> record.txn().seq())
                    .containsExactlyInAnyOrder(1L, 1L, 2L);
        }

        @Test
        void recordsMayArriveInAnyOrder() {
            List<ConsumedRecord> shuffled = new ArrayList<>(hash(WORKLOAD));
            Collections.reverse(shuffled);

            assertThat(verifyPerKey(shuffled).violations()).isEmpty();
        }

        @Test
        void withoutCommittedTransactionsOnlyTheStreamIsChecked() {
            assertThat(OrderVerifier.verify(onePartition(WORKLOAD), total(), Optional.empty()).clean()).isTrue();
            assertThat(OrderVerifier.verify(hash(WORKLOAD), perKey(), Optional.empty()).clean()).isTrue();
        }

        @Test
        void committedTransactionsWithoutIdsAreMatchedByTheirChanges() {
            List<CommittedTransaction> withoutIds = committed(WORKLOAD).stream()
                    .map(transaction -> new CommittedTransaction(null, transaction.changes()))
                    .toList();

            assertThat(OrderVerifier.verify(hash(WORKLOAD), perKey(), Optional.of(withoutIds)).violations()).isEmpty();
        }

        @Test
        void aStreamMayStartAtAnySeq() {
            List<ConsumedRecord> fromSeqThree = without(onePartition(WORKLOAD), record -> record.txn().seq() < 3);

            assertThat(OrderVerifier.verify(fromSeqThree, total(), Optional.empty()).violations()).isEmpty();
        }

        @Test
        void aLargeHashStreamIsClean() {
            List<Transaction> transactions = TestingWorkload.random(20_000, 500, 42);
            List<ConsumedRecord> records = hash(transactions);

            VerificationReport report = OrderVerifier.verify(records, perKey(), Optional.of(committed(transactions)));

            assertThat(report.violations()).isEmpty();
            assertThat(report.records()).isGreaterThan(100_000);
            assertThat(report.partitionsUsed()).hasSize(PARTITIONS);
        }
    }

    @Nested
    class OnePartitionFaults {

        private final List<ConsumedRecord> clean = onePartition(WORKLOAD);

        @Test
        void aRecordInPartitionOneBreaksO1() {
            ConsumedRecord stray = at(clean, 2, 0);

            VerificationReport report = verifyTotal(replaced(clean, stray, movedTo(stray, 1, 0)));

            assertFound(report).containsExactly(tuple("O1", 1, 0L));
            assertThat(report.violations().get(0).message())
                    .isEqualTo("record of shop.orders (seq 2 index 0 of 1, id 'gtid:2') is in partition 1;"
                            + " one_partition writes every record to partition 0");
            assertThat(report.partitionsUsed()).containsExactly(0, 1);
        }

        @Test
        void interleavedTransactionsBreakO2() {
            ConsumedRecord lastOfFirst = at(clean, 1, 2);
            ConsumedRecord second = at(clean, 2, 0);

            VerificationReport report = verifyTotal(replaced(clean, Map.of(
                    lastOfFirst, movedTo(lastOfFirst, 0, second.offset()),
                    second, movedTo(second, 0, lastOfFirst.offset()))));

            assertFound(report).containsExactly(tuple("O2", 0, 3L));
            assertThat(report.violations().get(0).message()).isEqualTo("seq 1 index 2 resumes at offset 3 after seq 2 index 0 at offset 2;"
                    + " its previous record is at offset 1, so another transaction's records sit inside it");
        }

        @Test
        void transactionsStartingOutOfSeqOrderBreakO3() {
            ConsumedRecord second = at(clean, 2, 0);
            ConsumedRecord thirdFirst = at(clean, 3, 0);
            ConsumedRecord thirdSecond = at(clean, 3, 1);

            VerificationReport report = verifyTotal(replaced(clean, Map.of(
                    thirdFirst, movedTo(thirdFirst, 0, 3),
                    thirdSecond, movedTo(thirdSecond, 0, 4),
                    second, movedTo(second, 0, 5))));

            assertFound(report).containsExactly(tuple("O3", 0, 5L));
            assertThat(report.violations().get(0).message()).isEqualTo(
                    "seq 2 (id 'gtid:2') starts at offset 5, after seq 3 started at offset 3; transactions must appear in commit order");
        }

        @Test
        void transactionsSwappedAgainstTheCommitOrderBreakO3() {
            List<Transaction> swapped = new ArrayList<>(WORKLOAD);
            Collections.swap(swapped, 2, 3);
            List<ConsumedRecord> records = onePartition(swapped);

            VerificationReport report = verifyTotal(records);

            assertFound(report).containsExactly(tuple("O3", 0, at(records, 4, 0).offset()));
            assertThat(report.violations().get(0).message()).isEqualTo("transaction seq 4 (id 'gtid:3') is the source's committed"
                    + " transaction #3 (id 'gtid:3'), but transaction seq 3 (id 'gtid:4'), before it in seq order, is the source's"
                    + " committed transaction #4 (id 'gtid:4'): the topic reverses their commit order");
        }

        @Test
        void aSeqGapBreaksO3() {
            List<ConsumedRecord> records = without(clean, ofSeq(3));

            VerificationReport report = OrderVerifier.verify(records, total(), Optional.empty());

            assertFound(report).containsExactly(tuple("O3", 0, 6L));
            assertThat(report.violations().get(0).message()).isEqualTo("seq 3 is missing: transaction seq 2 (id 'gtid:2') (at partition 0"
                    + " offset 3) is followed by transaction seq 4 (id 'gtid:4')");
        }

        @Test
        void aSeqGapAgainstCommittedIsAlsoALostTransaction() {
            VerificationReport report = verifyTotal(without(clean, ofSeq(3)));

            assertFound(report).containsExactlyInAnyOrder(tuple("O3", 0, 6L), tuple("LOST", 0, 6L));
        }

        @Test
        void anIndexOutOfOrderBreaksO4() {
            ConsumedRecord first = at(clean, 1, 0);
            ConsumedRecord second = at(clean, 1, 1);

            VerificationReport report = verifyTotal(replaced(clean, Map.of(first, movedTo(first, 0, 1), second, movedTo(second, 0, 0))));

            assertFound(report).containsExactly(tuple("O4", 0, 1L));
            assertThat(report.violations().get(0).message()).isEqualTo("index 0 of seq 1 at partition 0 offset 1 comes after index 1 at"
                    + " offset 0; a transaction's changes must keep their binlog order");
        }

        @Test
        void changesInAnotherOrderThanCommittedBreakO4() {
            List<CommittedTransaction> committed = new ArrayList<>(COMMITTED.orElseThrow());
            List<CommittedChange> firstChanges = new ArrayList<>(committed.get(0).changes());
            Collections.swap(firstChanges, 0, 1);
            committed.set(0, new CommittedTransaction("gtid:1", firstChanges));

            VerificationReport report = OrderVerifier.verify(clean, total(), Optional.of(committed));

            assertFound(report).containsExactly(tuple("O4", 0, 0L));
            assertThat(report.violations().get(0).message()).isEqualTo("change #1 of transaction seq 1 (id 'gtid:1') is INSERT"
                    + " shop.customers [7] but the source's committed transaction #1 (id 'gtid:1') has INSERT shop.orders [1] there;"
                    + " the topic has the same changes in another order");
        }

        @Test
        void aMissingRecordBreaksO5() {
            VerificationReport report = verifyTotal(without(clean, record -> record.equals(at(clean, 1, 1))));

            assertFound(report).containsExactly(tuple("O5", 0, 2L));
            assertThat(report.violations().get(0).message())
                    .isEqualTo("transaction seq 1 (id 'gtid:1') has 2 of its 3 records; missing index(es) [1]; the transaction is torn");
        }

        @Test
        void aMissingLastRecordIsReportedAtTheRecordBeforeIt() {
            VerificationReport report = verifyTotal(without(clean, record -> record.equals(at(clean, 1, 2))));

            assertFound(report).containsExactly(tuple("O5", 0, 1L));
        }

        @Test
        void aRecordWithoutTransactionFieldsBreaksO5() {
            ConsumedRecord bare = at(clean, 2, 0);

            VerificationReport report = OrderVerifier.verify(replaced(clean, bare, withTxn(bare, null)), total(), Optional.empty());

            assertFound(report).containsExactly(tuple("O5", 0, 3L), tuple("O3", 0, 4L));
            assertThat(report.violations().get(0).message()).isEqualTo("record of shop.orders has no transaction fields (id, seq, index,"
                    + " count), so a consumer cannot tell whether its transaction is complete");
        }

        @Test
        void recordsDisagreeingOnTheCountBreakO5() {
            ConsumedRecord last = at(clean, 1, 2);

            VerificationReport report = verifyTotal(replaced(clean, last, withTxn(last, new TransactionMark("gtid:1", 1, 2, 4))));

            assertFound(report).containsExactly(tuple("O5", 0, 2L));
            assertThat(report.violations().get(0).message())
                    .isEqualTo("record says seq 1 has count 4 but the record at partition 0 offset 0 says count 3");
        }

        @Test
        void aLostCommittedTransactionIsReportedWhereItBelongs() {
            List<Transaction> withoutFifth = new ArrayList<>(WORKLOAD);
            withoutFifth.remove(4);
            List<ConsumedRecord> records = onePartition(withoutFifth);

            VerificationReport report = verifyTotal(records);

            assertFound(report).containsExactly(tuple("LOST", 0, at(records, 5, 0).offset()));
            assertThat(report.violations().get(0).message()).isEqualTo("the source committed committed transaction #5 (id 'gtid:5')"
                    + " (DELETE shop.orders [1], UPDATE shop.customers [7] -> [7]) but no record of it is in the topic;"
                    + " it belongs before transaction seq 5 (id 'gtid:6')");
        }

        @Test
        void aLostLastTransactionPointsAtNoRecord() {
            VerificationReport report = verifyTotal(without(clean, ofSeq(8)));

            assertFound(report).containsExactly(tuple("LOST", -1, -1L));
            assertThat(report.violations().get(0).toString()).startsWith("LOST: the source committed committed transaction #8")
                    .endsWith("it belongs after the topic's last transaction");
        }

        @Test
        void aTransactionTheSourceNeverCommittedIsExtra() {
            List<CommittedTransaction> firstSeven = COMMITTED.orElseThrow().subList(0, 7);

            VerificationReport report = OrderVerifier.verify(clean, total(), Optional.of(firstSeven));

            assertFound(report).containsExactly(tuple("EXTRA", 0, 13L));
            assertThat(report.violations().get(0).message()).isEqualTo("transaction seq 8 (id 'gtid:8') with 2 record(s) matches no"
                    + " transaction the source committed; its changes: DELETE shop.customers [5], INSERT shop.audit [\"a2\"]");
        }

        @Test
        void otherChangesThanCommittedAreAMismatch() {
            List<CommittedTransaction> committed = new ArrayList<>(COMMITTED.orElseThrow());
            committed.set(1, new CommittedTransaction("gtid:2", List.of(CommittedChange.update(ORDERS, List.of(2), List.of(2)))));

            VerificationReport report = OrderVerifier.verify(clean, total(), Optional.of(committed));

            assertFound(report).containsExactly(tuple("MISMATCH", 0, 3L));
            assertThat(report.violations().get(0).message()).isEqualTo("change #1 of transaction seq 2 (id 'gtid:2') is UPDATE"
                    + " shop.orders [1] -> [1] but the source's committed transaction #2 (id 'gtid:2') has UPDATE shop.orders [2] -> [2] there");
        }

        @Test
        void aReplayedTransactionIsADuplicate() {
            List<ConsumedRecord> records = new ArrayList<>(clean);
            records.add(movedTo(at(clean, 8, 0), 0, 15));
            records.add(movedTo(at(clean, 8, 1), 0, 16));

            VerificationReport report = verifyTotal(records);

            assertFound(report).containsExactly(tuple("DUPLICATE", 0, 15L), tuple("DUPLICATE", 0, 16L));
            assertThat(report.violations().get(0).message())
                    .isEqualTo("seq 8 index 0 (id 'gtid:8') appears again; its first record is at partition 0 offset 13");
        }
    }

    @Nested
    class HashFaults {

        private final List<ConsumedRecord> clean = hash(WORKLOAD);

        @Test
        void aRecordOutsideItsKeysPartitionBreaksH1() {
            ConsumedRecord update = at(clean, 2, 0);
            int expected = KeyHash.partition(new ShardingKey(List.of(7L)), PARTITIONS);
            int wrong = (expected + 1) % PARTITIONS;

            VerificationReport report = verifyPerKey(replaced(clean, update, movedTo(update, wrong, 1000)));

            assertFound(report).containsExactly(tuple("H1", wrong, 1000L));
            assertThat(report.violations().get(0).message()).isEqualTo("record of shop.orders (seq 2 index 0 of 1, id 'gtid:2') with"
                    + " sharding key [7] (CONFIGURED [customer_id]) is in partition " + wrong + " but toPositive(murmur2([7])) % 8 = " + expected);
        }

        @Test
        void aKeylessPartitionZeroRecordElsewhereBreaksH1() {
            ConsumedRecord audit = at(clean, 8, 1);
            assertThat(audit.table()).isEqualTo(AUDIT);

            VerificationReport report = verifyPerKey(replaced(clean, audit, movedTo(audit, 6, 0)));

            assertFound(report).containsExactly(tuple("H1", 6, 0L));
            assertThat(report.violations().get(0).message()).endsWith("is in partition 6 but the table has no key and no-key is"
                    + " partition-0, so it belongs in partition 0");
        }

        @Test
        void aRecordKeyThatIsNotTheCanonicalEncodingBreaksH1() {
            ConsumedRecord update = at(clean, 2, 0);

            VerificationReport report = verifyPerKey(replaced(clean, update, withKey(update, "[\"7\"]".getBytes(StandardCharsets.UTF_8))));

            assertFound(report).containsExactly(tuple("H1", update.partition(), update.offset()));
            assertThat(report.violations().get(0).message()).endsWith("has record key '[\"7\"]' but the canonical encoding of its"
                    + " sharding key is '[7]'");
        }

        @Test
        void aKeysRecordsOutOfCommitOrderBreakH2() {
            ConsumedRecord insert = at(clean, 1, 1);
            ConsumedRecord update = at(clean, 2, 0);
            assertThat(insert.partition()).isEqualTo(update.partition());

            VerificationReport report = verifyPerKey(replaced(clean, Map.of(
                    insert, movedTo(insert, insert.partition(), update.offset()),
                    update, movedTo(update, update.partition(), insert.offset()))));

            assertFound(report).containsExactly(tuple("H2", insert.partition(), update.offset()));
            assertThat(report.violations().get(0).message()).isEqualTo("changes to key [7] are out of commit order in partition "
                    + insert.partition() + ": offset " + update.offset() + " is seq 1 index 1 but offset " + insert.offset()
                    + " before it is seq 2 index 0");
        }

        @Test
        void aLoneSplitHalfBreaksH3() {
            ConsumedRecord deleteHalf = at(clean, 3, 0);
            ConsumedRecord insertHalf = at(clean, 3, 1);
            assertThat(deleteHalf.split()).isEqualTo(SplitRole.KEY_CHANGE_DELETE);

            VerificationReport report = OrderVerifier.verify(replaced(clean, insertHalf, withSplit(insertHalf, SplitRole.NONE)), perKey(),
                    Optional.empty());

            assertFound(report).containsExactly(tuple("H3", deleteHalf.partition(), deleteHalf.offset()));
            assertThat(report.violations().get(0).message()).isEqualTo("the DELETE half of a key-changing update of shop.orders (seq 3"
                    + " index 0 of 3, id 'gtid:3') is alone: index 1 is a INSERT of shop.orders with split NONE at "
                    + insertHalf.position() + ", not its INSERT half");
        }

        @Test
        void aSplitThatKeepsTheKeyBreaksH3() {
            ConsumedRecord update = at(clean, 7, 0);
            ConsumedRecord deleteHalf = new ConsumedRecord(update.partition(), update.offset(), update.key(), ORDERS,
                    Operation.DELETE, update.before(), null, new TransactionMark("gtid:7", 7, 0, 2),
                    SplitRole.KEY_CHANGE_DELETE);
            ConsumedRecord insertHalf = new ConsumedRecord(update.partition(), update.offset() + 1, update.key(), ORDERS,
                    Operation.INSERT, null, update.after(), new TransactionMark("gtid:7", 7, 1, 2),
                    SplitRole.KEY_CHANGE_INSERT);
            List<ConsumedRecord> records = new ArrayList<>();
            for (ConsumedRecord record : replaced(clean, update, deleteHalf)) {
                boolean later = record.partition() == update.partition() && record.offset() > update.offset();
                records.add(later ? movedTo(record, record.partition(), record.offset() + 1) : record);
            }
            records.add(insertHalf);

            VerificationReport report = OrderVerifier.verify(records, perKey(), Optional.empty());

            assertFound(report).containsExactly(tuple("H3", update.partition(), update.offset()));
            assertThat(report.violations().get(0).message()).startsWith("an update was split although its sharding key [5] did not change");
        }

        @Test
        void aMissingRecordBreaksH4() {
            ConsumedRecord insertHalf = at(clean, 3, 1);

            VerificationReport report = OrderVerifier.verify(without(clean, insertHalf::equals), perKey(), Optional.empty());

            assertFound(report).containsExactlyInAnyOrder(
                    tuple("H4", at(clean, 3, 2).partition(), at(clean, 3, 2).offset()),
                    tuple("H3", at(clean, 3, 0).partition(), at(clean, 3, 0).offset()));
        }

        @Test
        void indicesFallingWithinAPartitionBreakO4() {
            ConsumedRecord first = at(clean, 1, 0);
            ConsumedRecord second = at(clean, 1, 1);

            VerificationReport report = OrderVerifier.verify(replaced(clean, Map.of(
                    first, movedTo(first, first.partition(), second.offset()),
                    second, movedTo(second, second.partition(), first.offset()))), perKey(), Optional.empty());

            assertFound(report).contains(tuple("O4", first.partition(), second.offset()));
        }

        @Test
        void aSeqGapBreaksO3() {
            VerificationReport report = OrderVerifier.verify(without(clean, ofSeq(4)), perKey(), Optional.empty());

            assertFound(report).containsExactly(tuple("O3", at(clean, 5, 0).partition(), at(clean, 5, 0).offset()));
        }

        @Test
        void aDuplicateAcrossTheStreamIsReportedAtItsSecondOccurrence() {
            ConsumedRecord update = at(clean, 7, 0);
            List<ConsumedRecord> records = new ArrayList<>(clean);
            records.add(movedTo(update, update.partition(), 500));

            assertFound(verifyPerKey(records)).containsExactly(tuple("DUPLICATE", update.partition(), 500L));
        }
    }

    @Nested
    class Reporting {

        @Test
        void violationsAreOrderedByPartitionAndOffsetAndSummarised() {
            List<ConsumedRecord> clean = onePartition(WORKLOAD);
            ConsumedRecord stray = at(clean, 2, 0);
            List<ConsumedRecord> records = without(replaced(clean, stray, movedTo(stray, 1, 0)), ofSeq(8));

            VerificationReport report = verifyTotal(records);

            assertFound(report).containsExactly(tuple("LOST", -1, -1L), tuple("O1", 1, 0L));
            assertThat(report.clean()).isFalse();
            assertThat(report.summary()).startsWith("2 violations {LOST=1, O1=1} in 13 records, 7 transactions, partitions [0, 1]\n"
                    + "  LOST: the source committed").contains("\n  O1 at partition 1 offset 0: record of shop.orders");
        }

        @Test
        void aSummaryListsTheFirstTwentyViolations() {
            List<Violation> violations = new ArrayList<>();
            for (int offset = 0; offset < 25; offset++) {
                violations.add(new Violation("O1", 1, offset, "stray"));
            }

            String summary = new VerificationReport(violations, 25, 1, new TreeSet<>(List.of(1))).summary();

            assertThat(summary.lines()).hasSize(22).last().isEqualTo("  ... and 5 more");
        }
    }

    @Nested
    class Settings {

        @Test
        void aTableWithoutShardingColumnsIsAUsageError() {
            VerifierSettings settings = new VerifierSettings(OrderingGuarantee.PER_KEY, PARTITIONS, Map.of(), TestingTopic.IDENTITY);

            assertThatThrownBy(() -> OrderVerifier.verify(hash(WORKLOAD), settings, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no sharding columns for table shop.audit (record at partition 0 offset 0) in the verifier settings;"
                            + " add them to shardingColumns, which has []");
        }

        @Test
        void aTableWithoutIdentityColumnsIsAUsageErrorOnlyWhenComparingWithCommitted() {
            VerifierSettings settings = new VerifierSettings(OrderingGuarantee.TOTAL, 1, Map.of(), Map.of());

            assertThat(OrderVerifier.verify(onePartition(WORKLOAD), settings, Optional.empty()).clean()).isTrue();
            assertThatThrownBy(() -> OrderVerifier.verify(onePartition(WORKLOAD), settings, COMMITTED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no identity columns for table shop.customers (record at partition 0 offset 0) in the verifier settings;"
                            + " add them to identityColumns, which has []");
        }

        @Test
        void settingsQuoteTheBadValue() {
            assertThatThrownBy(() -> new VerifierSettings(OrderingGuarantee.PER_TABLE, 1, Map.of(), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("guarantee must be TOTAL (one_partition) or PER_KEY (hash) but got PER_TABLE; the verifier has no checks for it yet");
            assertThatThrownBy(() -> new VerifierSettings(OrderingGuarantee.PER_KEY, 0, Map.of(), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("partitionCount must be >= 1 but got 0");
            assertThatThrownBy(() -> new VerifierSettings(OrderingGuarantee.PER_KEY, 8, Map.of(AUDIT, TestingTopic.SHARDING.get(ORDERS)), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("shardingColumns maps table shop.audit to the columns of shop.orders");
        }

        @Test
        void recordsAndViolationsQuoteTheBadValue() {
            assertThatThrownBy(() -> new ConsumedRecord(0, 0, null, ORDERS, Operation.INSERT,
                    TestingTopic.order(1, 7, 1), null, null, SplitRole.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a record of kind INSERT at partition 0 offset 0 must have an after image only but got before=");
            assertThatThrownBy(() -> new ConsumedRecord(0, -1, null, ORDERS, Operation.INSERT, null,
                    TestingTopic.order(1, 7, 1), null, SplitRole.NONE))
                    .hasMessage("offset must be >= 0 but got -1");
            assertThatThrownBy(() -> new Violation("O9", 0, 0, "x"))
                    .hasMessage("rule must be one of [DUPLICATE, EXTRA, H1, H2, H3, H4, H5, H6, LOST, MISMATCH, O1, O2, O3, O4, O5, UNREADABLE] but got 'O9'");
            assertThatThrownBy(() -> CommittedChange.update(ORDERS, List.of(1), null))
                    .hasMessage("identityAfter of a committed UPDATE of shop.orders must hold the values of the identity columns but got null");
            assertThatThrownBy(() -> new CommittedTransaction("gtid:9", List.of()))
                    .hasMessage("committed transaction gtid:9 must have at least one change but got 0");
        }

        @Test
        void aConsumedRecordKeepsItsOwnCopyOfTheKey() {
            byte[] key = "[7]".getBytes(StandardCharsets.UTF_8);
            ConsumedRecord record = new ConsumedRecord(0, 0, key, ORDERS, Operation.INSERT, null,
                    TestingTopic.order(1, 7, 1), null, SplitRole.NONE);
            key[0] = 'x';
            record.key()[1] = 'x';

            assertThat(record.key()).isEqualTo("[7]".getBytes(StandardCharsets.UTF_8));
            assertThat(record).isEqualTo(new ConsumedRecord(0, 0, "[7]".getBytes(StandardCharsets.UTF_8), ORDERS,
                    Operation.INSERT, null, TestingTopic.order(1, 7, 1), null, SplitRole.NONE));
        }

        @Test
        void identitiesCompareByTheirCanonicalEncoding() {
            CommittedChange asLong = CommittedChange.insert(ORDERS, List.of(1L));
            CommittedChange asInteger = CommittedChange.insert(ORDERS, List.of(1));

            assertThat(ChangeIdentity.of(asLong)).isEqualTo(ChangeIdentity.of(asInteger));
            assertThat(ChangeIdentity.of(ORDERS, Operation.INSERT, null, TestingTopic.order(1, 7, 1), List.of("id")))
                    .isEqualTo(ChangeIdentity.of(asInteger));
        }
    }
}
