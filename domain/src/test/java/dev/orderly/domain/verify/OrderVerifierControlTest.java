package dev.orderly.domain.verify;

import static dev.orderly.domain.verify.TestingTopic.AUDIT;
import static dev.orderly.domain.verify.TestingTopic.ORDERS;
import static dev.orderly.domain.verify.TestingTopic.PARTITIONS;
import static dev.orderly.domain.verify.TestingTopic.appended;
import static dev.orderly.domain.verify.TestingTopic.at;
import static dev.orderly.domain.verify.TestingTopic.committed;
import static dev.orderly.domain.verify.TestingTopic.movedTo;
import static dev.orderly.domain.verify.TestingTopic.perKey;
import static dev.orderly.domain.verify.TestingTopic.replaced;
import static dev.orderly.domain.verify.TestingTopic.total;
import static dev.orderly.domain.verify.TestingTopic.withSchemaVersion;
import static dev.orderly.domain.verify.TestingTopic.withTxn;
import static dev.orderly.domain.verify.TestingTopic.without;
import static dev.orderly.domain.verify.TestingTopic.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.TestingTopic.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The checks that read the control records: watermarks (H5) and schema changes (H6), in both modes,
 * with a topic written as the pipeline writes it ({@link Writer}) and faults planted in copies of it.
 */
class OrderVerifierControlTest {

    private static final List<Transaction> WORKLOAD = workload();

    private static VerificationReport verify(Writer topic, VerifierSettings settings) {
        return verify(topic.records(), topic.controls(), settings);
    }

    private static VerificationReport verify(List<ConsumedRecord> records, List<ControlRecord> controls, VerifierSettings settings) {
        return OrderVerifier.verify(records, controls, settings, Optional.empty());
    }

    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertFound(VerificationReport report) {
        return assertThat(report.violations()).extracting(Violation::rule, Violation::partition, Violation::offset);
    }

    /** Seq 1 to 3, a watermark, a schema change of shop.orders (seq 4), the rest of the workload (seq 5 to 9), a watermark. */
    private static Writer hashTopic() {
        return Writer.hash().writeAll(WORKLOAD.subList(0, 3)).watermark().schemaChange(ORDERS).writeAll(WORKLOAD.subList(3, 8)).watermark();
    }

    /** Seq 1, a schema change of shop.orders (seq 2), the rest of the workload (seq 3 to 9). */
    private static Writer onePartitionTopic() {
        return Writer.onePartition().write(WORKLOAD.get(0)).schemaChange(ORDERS).writeAll(WORKLOAD.subList(1, 8));
    }

    private static ControlRecord copy(List<ControlRecord> controls, int partition, ControlRecord.Kind kind, long seq) {
        return controls.stream().filter(control -> control.partition() == partition && control.kind() == kind && control.seq() == seq)
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + seq + " in partition " + partition));
    }

    private static List<ControlRecord> withoutControl(List<ControlRecord> controls, Predicate<ControlRecord> unwanted) {
        return controls.stream().filter(unwanted.negate()).toList();
    }

    private static long nextOffset(List<ConsumedRecord> records, List<ControlRecord> controls, int partition) {
        long records0 = records.stream().filter(record -> record.partition() == partition).mapToLong(ConsumedRecord::offset).max().orElse(-1);
        long controls0 = controls.stream().filter(control -> control.partition() == partition).mapToLong(ControlRecord::offset).max().orElse(-1);
        return Math.max(records0, controls0) + 1;
    }

    private static List<ControlRecord> plus(List<ControlRecord> controls, ControlRecord more) {
        List<ControlRecord> result = new ArrayList<>(controls);
        result.add(more);
        return result;
    }

    @Nested
    class CleanTopics {

        @Test
        void aHashTopicWithWatermarksAndASchemaChangeIsClean() {
            Writer topic = hashTopic();

            VerificationReport report = OrderVerifier.verify(topic.records(), topic.controls(), perKey(), Optional.of(committed(WORKLOAD)));

            assertThat(report.violations()).isEmpty();
            assertThat(report.controlRecords()).isEqualTo(3 * PARTITIONS);
            assertThat(report.transactions()).isEqualTo(8);
            assertThat(report.summary()).isEqualTo("clean: 16 records, 8 transactions, 24 control records, partitions [0, 1, 3, 5]");
            assertThat(topic.records()).filteredOn(record -> record.table().equals(ORDERS) && record.txn().seq() > 4)
                    .extracting(ConsumedRecord::schemaVersion).containsOnly(4L);
        }

        @Test
        void aOnePartitionTopicWithASchemaChangeIsClean() {
            assertThat(verify(onePartitionTopic(), total()).violations()).isEmpty();
        }

        @Test
        void theSeqOfASchemaChangeCountsAsUsed() {
            Writer topic = onePartitionTopic();

            VerificationReport withoutControls = verify(topic.records(), List.of(), total());

            assertFound(withoutControls).containsExactly(tuple("O3", 0, at(topic.records(), 3, 0).offset()));
            assertThat(withoutControls.violations().get(0).message()).startsWith("seq 2 is missing: transaction seq 1 (id 'gtid:1')");
        }

        @Test
        void theOldSignatureChecksDataRecordsAlone() {
            Writer topic = hashTopic();

            assertThat(OrderVerifier.verify(topic.records(), perKey(), Optional.empty()).violations())
                    .extracting(Violation::rule).containsExactly("O3");
        }
    }

    @Nested
    class Watermarks {

        @Test
        void aWatermarkLowerThanTheOneBeforeItBreaksH5UnlessReplaysAreAllowed() {
            Writer topic = hashTopic();
            long offset = nextOffset(topic.records(), topic.controls(), 3);
            List<ControlRecord> controls = plus(topic.controls(), ControlRecord.watermark(3, offset, 2));

            VerificationReport report = verify(topic.records(), controls, perKey());

            assertFound(report).containsExactly(tuple("H5", 3, offset));
            assertThat(report.violations().get(0).message()).isEqualTo("watermark 2 at offset " + offset + " is lower than watermark 9 at offset "
                    + copy(controls, 3, ControlRecord.Kind.WATERMARK, 9).offset() + " before it in partition 3; watermarks never go back");
            assertThat(verify(topic.records(), controls, perKey().allowingReplays()).violations()).isEmpty();
        }

        @Test
        void aRecordOfASeqUpToAWatermarkAfterItBreaksH5() {
            Writer topic = Writer.hash().writeAll(WORKLOAD.subList(0, 3)).watermark();
            ConsumedRecord late = at(topic.records(), 3, 0);
            ControlRecord watermark = copy(topic.controls(), late.partition(), ControlRecord.Kind.WATERMARK, 3);
            ConsumedRecord moved = movedTo(late, late.partition(), watermark.offset() + 1);

            VerificationReport report = verify(replaced(topic.records(), late, moved), topic.controls(), perKey());

            assertFound(report).containsExactly(tuple("H5", late.partition(), watermark.offset() + 1));
            assertThat(report.violations().get(0).message()).isEqualTo("seq 3 index 0 (id 'gtid:3') at offset " + (watermark.offset() + 1)
                    + " comes after watermark 3 at offset " + watermark.offset() + " of partition " + late.partition()
                    + ", which says every record of the transactions up to seq 3 precedes it there");
        }

        @Test
        void aReplayedSuffixAfterAWatermarkIsNoViolation() {
            Writer topic = Writer.hash().writeAll(WORKLOAD.subList(0, 4)).watermark();
            List<ConsumedRecord> records = appended(topic.records(), topic.controls(),
                    topic.records().stream().filter(record -> record.txn().seq() >= 3).toList());

            VerificationReport report = verify(records, topic.controls(), perKey().allowingReplays());

            assertThat(report.violations()).isEmpty();
            assertThat(report.notices()).extracting(Notice::kind).containsOnly(Notice.Kind.REPLAY);
            assertThat(verify(records, topic.controls(), perKey()).violations()).extracting(Violation::rule).containsOnly("DUPLICATE");
        }

        @Test
        void aWatermarkBeyondTheLastSeqBreaksH5() {
            Writer topic = Writer.hash().writeAll(WORKLOAD);
            long offset = nextOffset(topic.records(), List.of(), 1);

            VerificationReport report = verify(topic.records(), List.of(ControlRecord.watermark(1, offset, 11)), perKey());

            assertFound(report).containsExactly(tuple("H5", 1, offset));
            assertThat(report.violations().get(0).message()).isEqualTo("watermark 11 says every transaction up to seq 11 is written,"
                    + " but the highest seq in the topic is 8: seq 9 to 11 are missing");
        }

        @Test
        void aTornTransactionBelowAWatermarkIsReportedWithIt() {
            Writer topic = hashTopic();
            ConsumedRecord lost = at(topic.records(), 3, 1);

            VerificationReport report = verify(without(topic.records(), lost::equals), topic.controls(), perKey().whileWritten());

            ConsumedRecord after = at(topic.records(), 3, 2);
            assertFound(report).contains(tuple("H4", after.partition(), after.offset()));
            assertThat(report.violations()).filteredOn(violation -> violation.rule().equals("H4")).extracting(Violation::message)
                    .containsExactly("transaction seq 3 (id 'gtid:3') has 2 of its 3 records; missing index(es) [1]; the transaction is torn,"
                            + " although watermark 9 at partition 0 offset " + copy(topic.controls(), 0, ControlRecord.Kind.WATERMARK, 9).offset()
                            + " says it is complete");
        }
    }

    @Nested
    class SchemaChanges {

        @Test
        void aSchemaChangeMissingFromAPartitionBreaksH6() {
            Writer topic = hashTopic();
            List<ControlRecord> controls = withoutControl(topic.controls(), copy(topic.controls(), 2, ControlRecord.Kind.DDL, 4)::equals);

            VerificationReport report = verify(topic.records(), controls, perKey());

            ControlRecord first = copy(controls, 0, ControlRecord.Kind.DDL, 4);
            assertFound(report).containsExactly(tuple("H6", 0, first.offset()));
            assertThat(report.violations().get(0).message()).isEqualTo("the schema change seq 4 of [shop.orders] is in partitions"
                    + " [0, 1, 3, 4, 5, 6, 7] but not in [2]; in hash mode it goes to every partition, a barrier between the rows before and after it");
        }

        @Test
        void aSchemaChangeOfAPartitionZeroTableMayStandInPartitionZeroAlone() {
            Writer topic = Writer.hash().writeAll(WORKLOAD.subList(0, 2)).schemaChange(AUDIT).writeAll(WORKLOAD.subList(2, 8));
            List<ControlRecord> controls = withoutControl(topic.controls(), control -> control.partition() != 0);

            assertThat(verify(topic.records(), controls, perKey()).violations()).isEmpty();
            assertThat(verify(topic.records(), controls, VerifierSettings.forTopic(OrderingGuarantee.PER_KEY, PARTITIONS)).violations()).isEmpty();
        }

        @Test
        void aRowWithAnOlderSchemaVersionAfterTheChangeBreaksH6() {
            Writer topic = hashTopic();
            ConsumedRecord row = at(topic.records(), 5, 0);
            assertThat(row.table()).isEqualTo(ORDERS);

            VerificationReport report = verify(replaced(topic.records(), row, withSchemaVersion(row, 0)), topic.controls(), perKey());

            assertFound(report).containsExactly(tuple("H6", row.partition(), row.offset()));
            assertThat(report.violations().get(0).message()).isEqualTo("row of shop.orders at " + row.position() + " carries schema version 0"
                    + " but the schema change seq 4 of it at offset " + copy(topic.controls(), row.partition(), ControlRecord.Kind.DDL, 4).offset()
                    + " precedes it; rows after a schema change carry its seq as their version, or a later one");
        }

        @Test
        void aRowWithTheNewSchemaVersionBeforeTheChangeBreaksH6() {
            Writer topic = hashTopic();
            ConsumedRecord row = at(topic.records(), 2, 0);

            VerificationReport report = verify(replaced(topic.records(), row, withSchemaVersion(row, 4)), topic.controls(), perKey());

            assertFound(report).containsExactly(tuple("H6", row.partition(), row.offset()));
            assertThat(report.violations().get(0).message()).isEqualTo("row of shop.orders at " + row.position() + " carries schema version 4"
                    + " but comes before the schema change seq 4 of it at offset "
                    + copy(topic.controls(), row.partition(), ControlRecord.Kind.DDL, 4).offset() + "; rows before a schema change carry a lower version");
        }

        @Test
        void aSchemaChangeInsideATransactionBreaksO2() {
            Writer topic = onePartitionTopic();
            ControlRecord change = copy(topic.controls(), 0, ControlRecord.Kind.DDL, 2);
            ConsumedRecord last = at(topic.records(), 1, 2);
            List<ControlRecord> controls = List.of(ControlRecord.schemaChange(0, last.offset(), 2, "ddl-2", change.tables()));

            VerificationReport report = verify(replaced(topic.records(), last, movedTo(last, 0, change.offset())), controls, total());

            assertFound(report).containsExactly(tuple("O2", 0, change.offset()));
            assertThat(report.violations().get(0).message()).isEqualTo("seq 1 index 2 resumes at offset 3 after the schema change seq 2 at"
                    + " offset 2; its previous record is at offset 1, so another transaction's records sit inside it");
        }

        @Test
        void aSchemaChangeOutOfSeqOrderBreaksO3() {
            Writer topic = onePartitionTopic();
            ControlRecord change = copy(topic.controls(), 0, ControlRecord.Kind.DDL, 2);
            ConsumedRecord next = at(topic.records(), 3, 0);
            List<ControlRecord> controls = List.of(ControlRecord.schemaChange(0, next.offset(), 2, "ddl-2", change.tables()));

            VerificationReport report = verify(replaced(topic.records(), next, movedTo(next, 0, change.offset())), controls, total());

            // The row moved before the change already carries the version the change starts: H6 as well.
            assertFound(report).containsExactly(tuple("H6", 0, change.offset()), tuple("O3", 0, next.offset()));
            assertThat(report.violations().get(1).message()).isEqualTo("the schema change seq 2 is at offset 4, after seq 3 started at offset 3;"
                    + " transactions must appear in commit order");
        }

        @Test
        void aSchemaChangeOutsidePartitionZeroBreaksO1() {
            Writer topic = onePartitionTopic();
            ControlRecord change = copy(topic.controls(), 0, ControlRecord.Kind.DDL, 2);

            VerificationReport report = verify(topic.records(), List.of(ControlRecord.schemaChange(1, 0, 2, "ddl-2", change.tables())), total());

            assertFound(report).containsExactly(tuple("O1", 1, 0L));
            assertThat(report.violations().get(0).message()).isEqualTo("the schema change seq 2 of [shop.orders] is in partition 1;"
                    + " one_partition writes it to partition 0 alone, in seq order with the transactions");
        }

        @Test
        void aRepeatedSchemaChangeCopyIsADuplicateUnlessReplaysAreAllowed() {
            Writer topic = hashTopic();
            long offset = nextOffset(topic.records(), topic.controls(), 5);
            List<ControlRecord> controls = plus(topic.controls(), ControlRecord.schemaChange(5, offset, 4, "ddl-4", List.of(ORDERS)));

            VerificationReport report = verify(topic.records(), controls, perKey());

            assertFound(report).containsExactly(tuple("DUPLICATE", 5, offset));
            assertThat(report.violations().get(0).message()).isEqualTo("the schema change seq 4 of [shop.orders] appears again in partition 5;"
                    + " its first copy there is at offset " + copy(controls, 5, ControlRecord.Kind.DDL, 4).offset());
            assertThat(verify(topic.records(), controls, perKey().allowingReplays()).violations()).isEmpty();
        }

        @Test
        void aSchemaChangeSharingASeqWithATransactionBreaksO5() {
            Writer topic = onePartitionTopic();
            ConsumedRecord record = at(topic.records(), 3, 0);
            TransactionMark txn = record.txn();

            VerificationReport report = verify(replaced(topic.records(), record, withTxn(record, new TransactionMark(txn.id(), 2, 0, 1))),
                    topic.controls(), total());

            assertFound(report).contains(tuple("O5", 0, copy(topic.controls(), 0, ControlRecord.Kind.DDL, 2).offset()));
            assertThat(report.violations()).filteredOn(violation -> violation.rule().equals("O5")).extracting(Violation::message)
                    .containsExactly("the schema change of [shop.orders] has seq 2, which transaction seq 2 (id 'gtid:2') at partition 0 offset 4"
                            + " also has; a schema change takes a seq of its own");
        }
    }
}
