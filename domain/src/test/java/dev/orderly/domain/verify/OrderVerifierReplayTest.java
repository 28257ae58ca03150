package dev.orderly.domain.verify;

import static dev.orderly.domain.verify.TestingTopic.appended;
import static dev.orderly.domain.verify.TestingTopic.at;
import static dev.orderly.domain.verify.TestingTopic.committed;
import static dev.orderly.domain.verify.TestingTopic.hash;
import static dev.orderly.domain.verify.TestingTopic.movedTo;
import static dev.orderly.domain.verify.TestingTopic.onePartition;
import static dev.orderly.domain.verify.TestingTopic.perKey;
import static dev.orderly.domain.verify.TestingTopic.replayed;
import static dev.orderly.domain.verify.TestingTopic.total;
import static dev.orderly.domain.verify.TestingTopic.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * At-least-once replays (D1): with replays allowed, a suffix that a partition holds a second time,
 * starting at a transaction boundary and repeating the earlier records exactly, is no violation;
 * every other repeat still is.
 */
class OrderVerifierReplayTest {

    private static final List<Transaction> WORKLOAD = workload();
    private static final Optional<List<CommittedTransaction>> COMMITTED = Optional.of(committed(WORKLOAD));

    private static Predicate<ConsumedRecord> afterSeq(long seq) {
        return record -> record.txn().seq() > seq;
    }

    private static VerificationReport verifyTotal(List<ConsumedRecord> records) {
        return OrderVerifier.verify(records, total().allowingReplays(), COMMITTED);
    }

    @Nested
    class AllowedReplays {

        @Test
        void aOnePartitionReplayFromATransactionBoundaryIsClean() {
            List<ConsumedRecord> records = replayed(onePartition(WORKLOAD), afterSeq(4));

            VerificationReport report = verifyTotal(records);

            assertThat(report.violations()).isEmpty();
            assertThat(report.records()).isEqualTo(22);
            assertThat(report.replayedRecords()).isEqualTo(7);
            assertThat(report.transactions()).isEqualTo(8);
            assertThat(report.summary()).isEqualTo("clean: 22 records (7 replayed), 8 transactions, partitions [0]; notices {replay=1}");
            assertThat(report.notices()).extracting(Notice::kind, Notice::partition, Notice::offset)
                    .containsExactly(tuple(Notice.Kind.REPLAY, 0, 15L));
            assertThat(report.notices().get(0).message()).isEqualTo("replayed suffix: the 7 record(s) at offsets 15 to 21 of partition 0"
                    + " repeat those at offsets 8 to 14 (seq 5 index 0 (id 'gtid:5') to seq 8 index 1 (id 'gtid:8')), from a transaction"
                    + " boundary; at-least-once delivery writes them again after a restart (D1)");
        }

        @Test
        void withoutReplaysAllowedTheSameStreamIsSevenDuplicates() {
            List<ConsumedRecord> records = replayed(onePartition(WORKLOAD), afterSeq(4));

            VerificationReport report = OrderVerifier.verify(records, total(), COMMITTED);

            assertThat(report.violations()).extracting(Violation::rule).containsOnly("DUPLICATE").hasSize(7);
            assertThat(report.replayedRecords()).isZero();
        }

        @Test
        void aHashReplayStartsInEachPartitionAtTheTransactionsFirstRecordThere() {
            List<ConsumedRecord> clean = hash(WORKLOAD);
            List<ConsumedRecord> records = replayed(clean, afterSeq(3));

            VerificationReport report = OrderVerifier.verify(records, perKey().allowingReplays(), COMMITTED);

            assertThat(report.violations()).isEmpty();
            assertThat(report.replayedRecords()).isEqualTo(clean.stream().filter(afterSeq(3)).count());
            // seq 4 changes shop.orders (index 0) and shop.events (index 1) in different partitions: the
            // replay of the events partition starts at index 1, its transaction boundary there.
            ConsumedRecord events = at(clean, 4, 1);
            assertThat(events.partition()).isNotEqualTo(at(clean, 4, 0).partition());
            assertThat(clean.stream().filter(record -> record.partition() == events.partition() && record.offset() < events.offset()))
                    .allMatch(record -> record.txn().seq() <= 3);
        }

        @Test
        void aTransactionTornByACrashIsCompletedByTheReplay() {
            List<ConsumedRecord> clean = onePartition(WORKLOAD);
            // The crashed run wrote seq 1 to 5 and the first of seq 6's two records; its checkpoint was seq 3.
            List<ConsumedRecord> crashed = clean.stream().filter(record -> record.offset() <= at(clean, 6, 0).offset()).toList();
            List<ConsumedRecord> records = appended(crashed, clean.stream().filter(afterSeq(3)).toList());

            VerificationReport report = verifyTotal(records);

            assertThat(report.violations()).isEmpty();
            assertThat(report.replayedRecords()).isEqualTo(5);
            assertThat(report.transactions()).isEqualTo(8);
        }

        @Test
        void aTornTransactionInAHashPartitionIsCompletedByTheReplay() {
            List<ConsumedRecord> clean = hash(WORKLOAD);
            ConsumedRecord tornAt = at(clean, 3, 1);
            // The crashed run wrote everything up to seq 3 index 0 in every partition, and nothing after it.
            List<ConsumedRecord> crashed = clean.stream()
                    .filter(record -> record.txn().seq() < 3 || (record.txn().seq() == 3 && record.txn().index() < tornAt.txn().index()))
                    .toList();
            List<ConsumedRecord> records = appended(crashed, clean.stream().filter(afterSeq(1)).toList());

            VerificationReport report = OrderVerifier.verify(records, perKey().allowingReplays(), COMMITTED);

            assertThat(report.violations()).isEmpty();
            assertThat(report.replayedRecords()).isEqualTo(crashed.stream().filter(afterSeq(1)).count());
        }

        @Test
        void aReplayCutShortByAnotherCrashIsFollowedByANewReplay() {
            List<ConsumedRecord> clean = onePartition(WORKLOAD);
            // Restart after seq 3, crash after seq 6 index 0; restart after seq 4 (the checkpoint moved), then catch up.
            List<ConsumedRecord> records = appended(clean, clean.stream()
                    .filter(record -> record.txn().seq() > 3 && record.offset() <= at(clean, 6, 0).offset()).toList());
            records = appended(records, clean.stream().filter(afterSeq(4)).toList());

            VerificationReport report = verifyTotal(records);

            assertThat(report.violations()).isEmpty();
            assertThat(report.replayedRecords()).isEqualTo(5 + 7);
        }

        @Test
        void manyCrashesOfALargeHashStreamLeaveOnlyAllowedReplays() {
            List<Transaction> transactions = TestingWorkload.random(3_000, 200, 11);
            List<ConsumedRecord> clean = hash(transactions);
            long lastSeq = transactions.size();
            Random random = new Random(5);
            List<ConsumedRecord> topic = new ArrayList<>();
            long checkpoint = 0;
            int crashes = 0;
            while (checkpoint < lastSeq) {
                // A run resumes after its checkpoint and sends up to some transaction; a crash keeps, in each partition, a prefix
                // of what it sent that holds at least every record of the transactions up to its new checkpoint.
                long from = checkpoint;
                long sentUpTo = crashes == 20 ? lastSeq : Math.min(lastSeq, from + 1 + random.nextInt(400));
                long newCheckpoint = crashes == 20 ? lastSeq : from + random.nextInt((int) (sentUpTo - from) + 1);
                for (int partition = 0; partition < TestingTopic.PARTITIONS; partition++) {
                    int p = partition;
                    List<ConsumedRecord> sent = clean.stream()
                            .filter(record -> record.partition() == p && record.txn().seq() > from && record.txn().seq() <= sentUpTo).toList();
                    int committed = (int) sent.stream().filter(record -> record.txn().seq() <= newCheckpoint).count();
                    int written = committed + random.nextInt(sent.size() - committed + 1);
                    topic = appended(topic, sent.subList(0, written));
                }
                checkpoint = newCheckpoint;
                crashes++;
            }

            VerificationReport report = OrderVerifier.verify(topic, perKey().allowingReplays(), Optional.of(committed(transactions)));

            assertThat(report.violations()).isEmpty();
            assertThat(report.records() - report.replayedRecords()).isEqualTo(clean.size());
            assertThat(report.replayedRecords()).isPositive();
        }

        @Test
        void aReplayStillInProgressAtTheEndOfTheTopicIsAllowed() {
            List<ConsumedRecord> clean = onePartition(WORKLOAD);
            List<ConsumedRecord> records = appended(clean, List.of(at(clean, 7, 0), at(clean, 8, 0)));

            assertThat(verifyTotal(records).violations()).isEmpty();
        }
    }

    @Nested
    class RepeatsThatAreNoReplay {

        private final List<ConsumedRecord> clean = onePartition(WORKLOAD);

        @Test
        void aReplayStartingInsideATransactionIsADuplicate() {
            List<ConsumedRecord> records = appended(clean, clean.stream().filter(record -> record.offset() >= at(clean, 5, 1).offset()).toList());

            VerificationReport report = verifyTotal(records);

            assertThat(report.violations()).extracting(Violation::rule, Violation::partition, Violation::offset)
                    .containsExactly(tuple("DUPLICATE", 0, 15L));
            assertThat(report.violations().get(0).message()).isEqualTo("a replay starts inside a transaction: seq 5 index 1 (id 'gtid:5')"
                    + " repeats the record at partition 0 offset 9, but the transaction's first record in partition 0 is index 0 at offset 8;"
                    + " after a crash a replay restarts at a transaction boundary");
            assertThat(report.replayedRecords()).isZero();
        }

        @Test
        void aRepeatWithOtherContentIsADuplicate() {
            ConsumedRecord original = at(clean, 7, 0);
            ConsumedRecord changed = new ConsumedRecord(0, 0, original.key(), original.table(), original.operation(), original.before(),
                    Row.of(Map.of("id", 2L, "customer_id", 5L, "amount", 7L)), original.txn(), original.split());
            List<ConsumedRecord> records = appended(clean, List.of(changed, at(clean, 8, 0), at(clean, 8, 1)));

            VerificationReport report = verifyTotal(records);

            assertThat(report.violations()).extracting(Violation::rule, Violation::offset).containsExactly(tuple("DUPLICATE", 15L));
            assertThat(report.violations().get(0).message())
                    .startsWith("seq 7 index 0 (id 'gtid:7') appears again but differs from its first record at partition 0 offset 12 in after image (")
                    .endsWith("; a replay repeats records exactly");
            assertThat(report.replayedRecords()).isEqualTo(2);
        }

        @Test
        void aReplayThatSkipsRecordsIsADuplicate() {
            List<ConsumedRecord> records = appended(clean, List.of(at(clean, 5, 0), at(clean, 5, 1), at(clean, 7, 0), at(clean, 8, 0), at(clean, 8, 1)));

            VerificationReport report = verifyTotal(records);

            assertThat(report.violations()).extracting(Violation::rule, Violation::offset).containsExactly(tuple("DUPLICATE", 17L));
            assertThat(report.violations().get(0).message()).isEqualTo("a replay skips records: seq 7 index 0 (id 'gtid:7') repeats the record"
                    + " at partition 0 offset 12, but the replay in progress had repeated only up to offset 9, so the 2 record(s) from"
                    + " partition 0 offset 10 (seq 6 index 0 (id 'gtid:6')) were not repeated; a replay repeats a suffix without gaps");
        }

        @Test
        void aReplayThatStopsShortOfNewRecordsIsADuplicate() {
            List<ConsumedRecord> firstRun = clean.stream().filter(record -> record.txn().seq() <= 6).toList();
            List<ConsumedRecord> records = appended(firstRun, List.of(at(clean, 5, 0), at(clean, 5, 1), at(clean, 7, 0), at(clean, 8, 0),
                    at(clean, 8, 1)));

            VerificationReport report = verifyTotal(records);

            assertThat(report.violations()).extracting(Violation::rule, Violation::offset).containsExactly(tuple("DUPLICATE", 12L));
            assertThat(report.violations().get(0).message()).startsWith("a replay stops short: the replay starting here (seq 5 index 0"
                    + " (id 'gtid:5')) repeats records up to offset 9 but then goes on with a new record at partition 0 offset 14");
        }

        @Test
        void aRecordRepeatedInAnotherPartitionIsADuplicate() {
            List<ConsumedRecord> stream = hash(WORKLOAD);
            ConsumedRecord update = at(stream, 7, 0);
            int elsewhere = (update.partition() + 1) % TestingTopic.PARTITIONS;
            List<ConsumedRecord> records = new ArrayList<>(stream);
            records.add(movedTo(update, elsewhere, 1000));

            VerificationReport report = OrderVerifier.verify(records, perKey().allowingReplays(), COMMITTED);

            assertThat(report.violations()).extracting(Violation::rule, Violation::partition, Violation::offset)
                    .containsExactly(tuple("DUPLICATE", elsewhere, 1000L));
        }

        @Test
        void theDeduplicatedStreamIsStillChecked() {
            // A replay from seq 4 whose first run lost seq 6: the replay is allowed, the gap is not.
            List<ConsumedRecord> firstRun = clean.stream().filter(record -> record.txn().seq() != 6).toList();
            List<ConsumedRecord> records = appended(firstRun, firstRun.stream().filter(afterSeq(3)).toList());

            VerificationReport report = verifyTotal(records);

            assertThat(report.violations()).extracting(Violation::rule).containsExactlyInAnyOrder("O3", "LOST");
            assertThat(report.replayedRecords()).isEqualTo(7);
        }
    }
}
