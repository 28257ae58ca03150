package dev.orderly.domain.verify;

import static dev.orderly.domain.verify.TestingTopic.AUDIT;
import static dev.orderly.domain.verify.TestingTopic.PARTITIONS;
import static dev.orderly.domain.verify.TestingTopic.at;
import static dev.orderly.domain.verify.TestingTopic.hash;
import static dev.orderly.domain.verify.TestingTopic.movedTo;
import static dev.orderly.domain.verify.TestingTopic.ofSeq;
import static dev.orderly.domain.verify.TestingTopic.onePartition;
import static dev.orderly.domain.verify.TestingTopic.replaced;
import static dev.orderly.domain.verify.TestingTopic.withSplit;
import static dev.orderly.domain.verify.TestingTopic.withTxn;
import static dev.orderly.domain.verify.TestingTopic.without;
import static dev.orderly.domain.verify.TestingTopic.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.TestingTopic.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A topic read as it is, without its source's history or table metadata ({@link VerifierSettings#forTopic}):
 * sharding keys from the record keys, transactions of a topic still being written that may be in flight,
 * and streamed transactions whose count only their last part carries.
 */
class OrderVerifierLiveTopicTest {

    private static final List<Transaction> WORKLOAD = workload();
    private static final VerifierSettings HASH = VerifierSettings.forTopic(OrderingGuarantee.PER_KEY, PARTITIONS);
    private static final VerifierSettings ONE_PARTITION = VerifierSettings.forTopic(OrderingGuarantee.TOTAL, 1);

    private static VerificationReport verify(List<ConsumedRecord> records, List<ControlRecord> controls, VerifierSettings settings) {
        return OrderVerifier.verify(records, controls, settings, Optional.empty());
    }

    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertFound(VerificationReport report) {
        return assertThat(report.violations()).extracting(Violation::rule, Violation::partition, Violation::offset);
    }

    @Nested
    class RecordKeys {

        private final List<ConsumedRecord> clean = hash(WORKLOAD);

        @Test
        void aHashTopicIsCheckedByItsRecordKeys() {
            assertThat(verify(clean, List.of(), HASH).violations()).isEmpty();
            assertThat(verify(onePartition(WORKLOAD), List.of(), ONE_PARTITION).violations()).isEmpty();
        }

        @Test
        void aRecordOutsideItsRecordKeysPartitionBreaksH1() {
            ConsumedRecord update = at(clean, 2, 0);
            int expected = KeyHash.partition(update.key(), PARTITIONS);
            int wrong = (expected + 1) % PARTITIONS;

            VerificationReport report = verify(replaced(clean, update, movedTo(update, wrong, 1000)), List.of(), HASH);

            assertFound(report).containsExactly(tuple("H1", wrong, 1000L));
            assertThat(report.violations().get(0).message()).isEqualTo("record of shop.orders (seq 2 index 0 of 1, id 'gtid:2') with record"
                    + " key [7] is in partition " + wrong + " but toPositive(murmur2([7])) % 8 = " + expected);
        }

        @Test
        void aRecordWithoutAKeyOutsidePartitionZeroBreaksH1() {
            ConsumedRecord audit = at(clean, 8, 1);
            assertThat(audit.table()).isEqualTo(AUDIT);

            VerificationReport report = verify(replaced(clean, audit, movedTo(audit, 6, 0)), List.of(), HASH);

            assertFound(report).containsExactly(tuple("H1", 6, 0L));
            assertThat(report.violations().get(0).message()).isEqualTo("record of shop.audit (seq 8 index 1 of 2, id 'gtid:8') has no record"
                    + " key, so its table has no sharding key and no-key is partition-0, but it is in partition 6; it belongs in partition 0");
        }

        @Test
        void aKeysRecordsOutOfCommitOrderBreakH2() {
            ConsumedRecord insert = at(clean, 1, 1);
            ConsumedRecord update = at(clean, 2, 0);

            VerificationReport report = verify(replaced(clean, Map.of(
                    insert, movedTo(insert, insert.partition(), update.offset()),
                    update, movedTo(update, update.partition(), insert.offset()))), List.of(), HASH);

            assertFound(report).containsExactly(tuple("H2", insert.partition(), update.offset()));
            assertThat(report.violations().get(0).message()).startsWith("changes to key [7] are out of commit order");
        }

        @Test
        void aLoneSplitHalfBreaksH3() {
            ConsumedRecord deleteHalf = at(clean, 3, 0);
            ConsumedRecord insertHalf = at(clean, 3, 1);

            VerificationReport report = verify(replaced(clean, insertHalf, withSplit(insertHalf, SplitRole.NONE)), List.of(), HASH);

            assertFound(report).containsExactly(tuple("H3", deleteHalf.partition(), deleteHalf.offset()));
        }

        @Test
        void shardingKeysComeFromRecordsOrFromColumnsNotBoth() {
            assertThatThrownBy(() -> new VerifierSettings(OrderingGuarantee.PER_KEY, PARTITIONS, TestingTopic.SHARDING, Map.of(), false, true, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sharding keys come either from the record keys or from shardingColumns, but got both; shardingColumns names"
                            + " [shop.audit, shop.customers, shop.events, shop.orders]");
        }
    }

    @Nested
    class InFlight {

        @Test
        void aTornLastTransactionOfAOnePartitionTopicStillWrittenIsInFlight() {
            List<ConsumedRecord> clean = onePartition(WORKLOAD);
            List<ConsumedRecord> records = without(clean, at(clean, 8, 1)::equals);

            VerificationReport finished = verify(records, List.of(), ONE_PARTITION);
            VerificationReport live = verify(records, List.of(), ONE_PARTITION.whileWritten());

            assertFound(finished).containsExactly(tuple("O5", 0, 13L));
            assertThat(live.violations()).isEmpty();
            assertThat(live.notices()).extracting(Notice::kind, Notice::partition, Notice::offset)
                    .containsExactly(tuple(Notice.Kind.IN_FLIGHT, 0, 13L));
            assertThat(live.notices().get(0).message()).isEqualTo("transaction seq 8 (id 'gtid:8') has 1 of its 2 records; missing index(es) [1];"
                    + " the topic proves every transaction written only up to seq 7 (there is no watermark, and not every partition that could"
                    + " hold them has a later record), so they may still be in flight");
            assertThat(live.summary()).isEqualTo("clean: 14 records, 8 transactions, partitions [0]; notices {in-flight=1}");
        }

        @Test
        void aTornTransactionFollowedByAnotherIsNeverInFlight() {
            List<ConsumedRecord> clean = onePartition(WORKLOAD);

            VerificationReport report = verify(without(clean, at(clean, 1, 1)::equals), List.of(), ONE_PARTITION.whileWritten());

            assertFound(report).containsExactly(tuple("O5", 0, 2L));
            assertThat(report.notices()).isEmpty();
        }

        @Test
        void inAHashTopicOnlyWhatLiesAboveTheWatermarksMayBeInFlight() {
            Writer topic = Writer.hash().writeAll(WORKLOAD.subList(0, 6)).watermark().writeAll(WORKLOAD.subList(6, 8));
            ConsumedRecord belowWatermark = at(topic.records(), 5, 0);
            ConsumedRecord aboveWatermark = at(topic.records(), 8, 0);
            List<ConsumedRecord> records = without(without(topic.records(), ofSeq(7)),
                    record -> record.equals(belowWatermark) || record.equals(aboveWatermark));

            VerificationReport report = verify(records, topic.controls(), HASH.whileWritten());

            ConsumedRecord tornAt = at(topic.records(), 5, 1);
            assertFound(report).containsExactly(tuple("H4", tornAt.partition(), tornAt.offset()));
            assertThat(report.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.IN_FLIGHT, Notice.Kind.IN_FLIGHT);
            assertThat(report.notices()).extracting(Notice::message).anySatisfy(message -> assertThat(message).startsWith("seq 7 is missing"))
                    .anySatisfy(message -> assertThat(message).startsWith("transaction seq 8 (id 'gtid:8') has 1 of its 2 records")
                            .contains("up to seq 6 (the highest watermark is 6 at partition 0 offset "));
        }

        @Test
        void aTopicThatIsNotStillWrittenHasNothingInFlight() {
            List<ConsumedRecord> clean = hash(WORKLOAD);

            VerificationReport report = verify(without(clean, at(clean, 8, 1)::equals), List.of(), HASH);

            assertThat(report.violations()).extracting(Violation::rule).containsExactly("H4");
            assertThat(report.notices()).isEmpty();
        }
    }

    @Nested
    class StreamedTransactions {

        private final List<ConsumedRecord> clean = onePartition(WORKLOAD);

        /** Seq 1 as a streamed transaction: only its last record carries the count. */
        private List<ConsumedRecord> streamed() {
            ConsumedRecord first = at(clean, 1, 0);
            ConsumedRecord second = at(clean, 1, 1);
            return replaced(clean, Map.of(
                    first, withTxn(first, new TransactionMark("gtid:1", 1, 0, TransactionMark.UNKNOWN_COUNT)),
                    second, withTxn(second, new TransactionMark("gtid:1", 1, 1, TransactionMark.UNKNOWN_COUNT))));
        }

        @Test
        void aStreamedTransactionCarryingItsCountOnItsLastRecordIsComplete() {
            assertThat(verify(streamed(), List.of(), ONE_PARTITION).violations()).isEmpty();
        }

        @Test
        void aStreamedTransactionWithoutItsLastPartIsTorn() {
            List<ConsumedRecord> records = streamed();

            VerificationReport report = verify(without(records, at(records, 1, 2)::equals), List.of(), ONE_PARTITION);

            assertFound(report).containsExactly(tuple("O5", 0, 1L));
            assertThat(report.violations().get(0).message()).isEqualTo("transaction seq 1 (id 'gtid:1') has 2 records (indices 0 to 1) but"
                    + " none carries the count, which the records of the transaction's last part carry; the transaction is torn");
        }
    }
}
