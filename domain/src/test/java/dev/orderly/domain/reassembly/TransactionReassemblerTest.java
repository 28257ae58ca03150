package dev.orderly.domain.reassembly;

import static dev.orderly.domain.reassembly.TestingHashTopic.ORDERS;
import static dev.orderly.domain.reassembly.TestingHashTopic.id;
import static dev.orderly.domain.reassembly.TestingHashTopic.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.reassembly.TestingHashTopic.Entry;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.ControlRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TransactionReassemblerTest {

    private static final int LIMIT = 10_000;

    /** Feeds {@code entries} one by one and releases after each, as a consumer polling record by record would. */
    private static List<ReassembledTransaction> feed(TransactionReassembler reassembler, List<Entry> entries) {
        List<ReassembledTransaction> released = new ArrayList<>();
        for (Entry entry : entries) {
            entry.feed(reassembler);
            released.addAll(reassembler.release());
        }
        return released;
    }

    private static List<Long> seqs(List<ReassembledTransaction> transactions) {
        return transactions.stream().map(ReassembledTransaction::seq).toList();
    }

    private static List<Long> seqsUpTo(long last) {
        return LongStream.rangeClosed(1, last).boxed().toList();
    }

    @Nested
    class Release {

        @Test
        void aTransactionSpreadOverPartitionsIsReleasedWholeOnlyOnceEveryPartitionsWatermarkPassesIt() {
            TestingHashTopic topic = new TestingHashTopic(3);
            long seq = topic.transaction(0, 1, 2, 1);
            topic.watermark();
            TransactionReassembler reassembler = new TransactionReassembler(3, LIMIT);

            List<Entry> allButTheLastWatermark = new ArrayList<>(topic.partition(0));
            allButTheLastWatermark.addAll(topic.partition(1));
            allButTheLastWatermark.add(topic.partition(2).get(0));
            List<ReassembledTransaction> early = feed(reassembler, allButTheLastWatermark);

            assertThat(early).isEmpty();
            assertThat(reassembler.bufferedRecords()).isEqualTo(4);
            assertThat(reassembler.lowWatermark()).isZero();

            topic.partition(2).get(1).feed(reassembler);
            List<ReassembledTransaction> released = reassembler.release();

            assertThat(released).containsExactly(ReassembledTransaction.ofRecords(seq, id(seq), topic.written(seq)));
            assertThat(reassembler.lowWatermark()).isEqualTo(seq);
            assertThat(reassembler.releasedSeq()).isEqualTo(seq);
            assertThat(reassembler.bufferedRecords()).isZero();
            assertThat(reassembler.release()).isEmpty();
        }

        @Test
        void nothingIsReleasedWhileAPartitionHasShownNoWatermark() {
            TestingHashTopic topic = new TestingHashTopic(2);
            topic.transaction(0);
            topic.transaction(0, 0);
            topic.watermark(0, 2);
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);

            List<ReassembledTransaction> released = feed(reassembler, topic.roundRobin());

            assertThat(released).isEmpty();
            assertThat(reassembler.lowWatermark()).isZero();
            assertThat(reassembler.bufferedRecords()).isEqualTo(3);
        }

        @Test
        void aWatermarkReleasesTheSeqsItCoversAndHoldsTheRest() {
            TestingHashTopic topic = new TestingHashTopic(2);
            topic.transaction(0, 1);
            topic.transaction(1);
            topic.watermark();
            topic.transaction(0, 1, 1);

            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);
            List<ReassembledTransaction> released = feed(reassembler, topic.roundRobin());

            assertThat(seqs(released)).containsExactly(1L, 2L);
            assertThat(reassembler.lowWatermark()).isEqualTo(2);
            assertThat(reassembler.releasedSeq()).isEqualTo(2);
            assertThat(reassembler.bufferedRecords()).isEqualTo(3);
        }

        @Test
        void recordsComeSortedByIndexWhicheverPartitionIsReadFirst() {
            TestingHashTopic topic = new TestingHashTopic(3);
            long seq = topic.transaction(2, 1, 0, 2);
            topic.watermark();

            for (List<Entry> order : List.of(topic.partitionAfterPartition(), topic.lastPartitionFirst(), topic.roundRobin())) {
                List<ReassembledTransaction> released = feed(new TransactionReassembler(3, LIMIT), order);

                assertThat(released).singleElement().satisfies(transaction -> {
                    assertThat(transaction.records()).extracting(record -> record.txn().index()).containsExactly(0, 1, 2, 3);
                    assertThat(transaction.records()).isEqualTo(topic.written(seq));
                });
            }
        }

        @Test
        void everyInterleavingOfThePartitionsReleasesEveryTransactionOnceInSeqOrder() {
            TestingHashTopic topic = randomTopic(new Random(20240229L), 4, 300);
            Map<String, List<Entry>> interleavings = new LinkedHashMap<>();
            interleavings.put("partition after partition", topic.partitionAfterPartition());
            interleavings.put("last partition first", topic.lastPartitionFirst());
            interleavings.put("round robin", topic.roundRobin());
            for (int seed = 1; seed <= 20; seed++) {
                interleavings.put("random " + seed, topic.interleaved(new Random(seed), 1 + seed % 7));
            }

            interleavings.forEach((name, entries) -> {
                TransactionReassembler reassembler = new TransactionReassembler(4, LIMIT);
                List<ReassembledTransaction> released = feed(reassembler, entries);

                assertThat(seqs(released)).as(name).isEqualTo(seqsUpTo(300));
                released.stream().filter(transaction -> !transaction.isSchemaChange()).forEach(transaction ->
                        assertThat(transaction.records()).as(name + ", seq " + transaction.seq()).isEqualTo(topic.written(transaction.seq())));
                assertThat(reassembler.bufferedRecords()).as(name).isZero();
                assertThat(reassembler.droppedReplays()).as(name).isZero();
            });
        }

        /** Transactions of 1 to 6 records on random partitions, some streamed, some schema changes, watermarks now and then. */
        private static TestingHashTopic randomTopic(Random random, int partitions, int transactions) {
            TestingHashTopic topic = new TestingHashTopic(partitions);
            for (int transaction = 0; transaction < transactions; transaction++) {
                int dice = random.nextInt(20);
                int[] placement = random.ints(1 + random.nextInt(6), 0, partitions).toArray();
                if (dice == 0) {
                    topic.schemaChange(ORDERS);
                } else if (dice < 4) {
                    topic.streamed(1 + random.nextInt(placement.length), placement);
                } else {
                    topic.transaction(placement);
                }
                if (random.nextInt(3) == 0) {
                    topic.watermark();
                }
            }
            topic.watermark();
            return topic;
        }
    }

    @Nested
    class StreamedTransactions {

        @Test
        void aStreamedTransactionIsWholeOnceItHoldsTheRecordWithTheCountAndEveryIndexBelow() {
            TestingHashTopic topic = new TestingHashTopic(2);
            long seq = topic.streamed(2, 0, 1, 0, 1, 0);
            topic.watermark();

            for (List<Entry> order : List.of(topic.partitionAfterPartition(), topic.lastPartitionFirst())) {
                List<ReassembledTransaction> released = feed(new TransactionReassembler(2, LIMIT), order);

                assertThat(released).containsExactly(ReassembledTransaction.ofRecords(seq, id(seq), topic.written(seq)));
                assertThat(released.get(0).records()).extracting(record -> record.txn().count())
                        .containsExactly(TransactionMark.UNKNOWN_COUNT, TransactionMark.UNKNOWN_COUNT, TransactionMark.UNKNOWN_COUNT, 5, 5);
            }
        }

        @Test
        void aStreamedTransactionWithoutItsLastPartIsTornWhenTheWatermarksPassIt() {
            TestingHashTopic topic = new TestingHashTopic(2);
            long seq = topic.streamed(1, 0, 1, 0);
            topic.watermark();
            topic.lose(seq, 2);
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);
            topic.partitionAfterPartition().forEach(entry -> entry.feed(reassembler));

            assertThatThrownBy(reassembler::release)
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessage("seq 1 (id 'gtid:1') is not whole although every partition's watermark passed it: no record carries the"
                            + " transaction's count, so its last part is missing (indexes held: 0-1). Present: partition 0 offset 0;"
                            + " partition 1 offset 0. Watermarks that passed it: partition 0 offset 2 (watermark 1), partition 1 offset 1"
                            + " (watermark 1). A partition must hold every record of a transaction before the first watermark that covers"
                            + " it (H5); the writer broke that promise, or records were deleted (retention, compaction) or written to"
                            + " partitions not read");
        }
    }

    @Nested
    class SchemaChanges {

        @Test
        void aBroadcastSchemaChangeIsReleasedOnceInSeqOrderWithTheRows() {
            TestingHashTopic topic = new TestingHashTopic(3);
            topic.transaction(0, 2);
            long change = topic.schemaChange(ORDERS);
            topic.transaction(1);
            topic.watermark();
            TransactionReassembler reassembler = new TransactionReassembler(3, LIMIT);

            List<ReassembledTransaction> released = feed(reassembler, topic.roundRobin());

            assertThat(seqs(released)).containsExactly(1L, 2L, 3L);
            ReassembledTransaction schemaChange = released.get(1);
            assertThat(schemaChange.isSchemaChange()).isTrue();
            assertThat(schemaChange.seq()).isEqualTo(change);
            assertThat(schemaChange.id()).isEqualTo("ddl-2");
            assertThat(schemaChange.records()).isEmpty();
            assertThat(schemaChange.schemaChange().tables()).containsExactly(ORDERS);
            assertThat(reassembler.bufferedRecords()).isZero();
        }

        @Test
        void aSchemaChangeMissingOnAPartitionIsReported() {
            TestingHashTopic topic = new TestingHashTopic(3);
            long change = topic.schemaChange(ORDERS);
            topic.watermark();
            topic.loseCopy(change, 1);
            TransactionReassembler reassembler = new TransactionReassembler(3, LIMIT);
            topic.roundRobin().forEach(entry -> entry.feed(reassembler));

            assertThatThrownBy(reassembler::release)
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessageStartingWith("schema change seq 1 of [shop.orders] is not whole although every partition's watermark passed it:"
                            + " no copy on partition 1 of 3 (a schema change is broadcast to every partition, H6). Present: partition 0"
                            + " offset 0; partition 2 offset 0. Watermarks that passed it: partition 0 offset 1 (watermark 1), partition 1"
                            + " offset 1 (watermark 1), partition 2 offset 1 (watermark 1).");
        }

        @Test
        void copiesThatNameOtherTablesAreRejected() {
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);
            reassembler.add(ControlRecord.schemaChange(0, 4, 7, "ddl-7", List.of(ORDERS)));

            assertThatThrownBy(() -> reassembler.add(ControlRecord.schemaChange(1, 9, 7, "ddl-7", List.of(TableId.parse("shop.customers")))))
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessage("the copies of schema change seq 7 disagree: tables [shop.orders] at partition 0 offset 4 but"
                            + " [shop.customers] at partition 1 offset 9");
        }

        @Test
        void aSeqThatIsBothDataRecordsAndASchemaChangeIsRejected() {
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);
            reassembler.add(record(1, 3, new TransactionMark(id(5), 5, 0, 1)));

            assertThatThrownBy(() -> reassembler.add(ControlRecord.schemaChange(0, 8, 5, "ddl-5", List.of(ORDERS))))
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessage("seq 5 is both seq 5 (id 'gtid:5') at partition 1 offset 3 and a schema change at partition 0 offset 8;"
                            + " a seq is either a transaction of data records or a schema change");
        }
    }

    @Nested
    class TornTransactions {

        @Test
        void aTornTransactionIsReportedWithTheOffsetsOfItsRecordsAndOfTheWatermarksThatPassedIt() {
            TestingHashTopic topic = new TestingHashTopic(2);
            long seq = topic.transaction(0, 1, 0, 1, 1);
            topic.watermark();
            topic.lose(seq, 2);
            topic.lose(seq, 3);
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);
            topic.roundRobin().forEach(entry -> entry.feed(reassembler));

            assertThatThrownBy(reassembler::release)
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessageStartingWith("seq 1 (id 'gtid:1') is not whole although every partition's watermark passed it: index 2-3 of 5"
                            + " missing (count from partition 0 offset 0). Present: partition 0 offset 0; partition 1 offsets 0, 2."
                            + " Watermarks that passed it: partition 0 offset 2 (watermark 1), partition 1 offset 3 (watermark 1). ");
            assertThat(reassembler.bufferedRecords()).isEqualTo(3);
        }

        @Test
        void theWholeTransactionsBeforeATornOneAreReleasedAndTheNextCallReportsIt() {
            TestingHashTopic topic = new TestingHashTopic(2);
            topic.transaction(0, 1);
            long torn = topic.transaction(1, 0);
            topic.watermark();
            topic.lose(torn, 1);
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);
            topic.roundRobin().forEach(entry -> entry.feed(reassembler));

            assertThat(seqs(reassembler.release())).containsExactly(1L);
            assertThatThrownBy(reassembler::release)
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessageStartingWith("seq 2 (id 'gtid:2') is not whole although every partition's watermark passed it: index 1 of 2 missing");
            assertThat(reassembler.releasedSeq()).isEqualTo(1);
        }

        @Test
        void aSeqWithNoRecordOnAnyPartitionIsReported() {
            TestingHashTopic topic = new TestingHashTopic(2);
            topic.transaction(0);
            long lost = topic.transaction(1);
            topic.transaction(0);
            topic.watermark();
            topic.lose(lost, 0);
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);
            topic.roundRobin().forEach(entry -> entry.feed(reassembler));

            assertThat(seqs(reassembler.release())).containsExactly(1L);
            assertThatThrownBy(reassembler::release)
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessageStartingWith("seq 2 is missing: no record of it on any partition, although every partition's watermark passed it"
                            + " (released up to seq 1, next held seq 3). Watermarks that passed it: partition 0 offset 2 (watermark 3),"
                            + " partition 1 offset 1 (watermark 3).");
        }

        @Test
        void aTopicMayStartAtAnySeqButNoSeqMayBeMissingAfterwards() {
            TransactionReassembler reassembler = new TransactionReassembler(1, LIMIT);
            reassembler.add(record(0, 0, new TransactionMark(id(41), 41, 0, 1)));
            reassembler.add(ControlRecord.watermark(0, 1, 41));

            assertThat(seqs(reassembler.release())).containsExactly(41L);

            reassembler.add(ControlRecord.watermark(0, 2, 43));
            assertThatThrownBy(reassembler::release)
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessageStartingWith("seqs 42 to 43 are missing: no record of them on any partition, although every partition's watermark"
                            + " passed them (released up to seq 41, nothing else held). Watermarks that passed them: partition 0 offset 2 (watermark 43).");
        }

        @Test
        void recordsOfOneSeqFromTwoTransactionsAreRejected() {
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);
            reassembler.add(record(0, 5, new TransactionMark("gtid:a", 3, 0, 2)));

            assertThatThrownBy(() -> reassembler.add(record(1, 6, new TransactionMark("gtid:b", 3, 1, 2))))
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessage("seq 3 has records of two transactions: id 'gtid:a' at partition 0 offset 5 and id 'gtid:b' at partition 1"
                            + " offset 6; every record of a seq must carry its transaction's id (H4)");
        }

        @Test
        void recordsOfOneSeqWithTwoCountsAreRejected() {
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);
            reassembler.add(record(0, 5, new TransactionMark(id(3), 3, 0, 2)));

            assertThatThrownBy(() -> reassembler.add(record(1, 6, new TransactionMark(id(3), 3, 1, 3))))
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessage("seq 3 (id 'gtid:3') has records with two counts: 2 at partition 0 offset 5 and 3 at partition 1 offset 6");
        }

        @Test
        void anIndexBeyondTheCountIsRejectedWhicheverComesFirst() {
            TransactionReassembler countFirst = new TransactionReassembler(2, LIMIT);
            countFirst.add(record(0, 5, new TransactionMark(id(3), 3, 1, 2)));
            TransactionReassembler indexFirst = new TransactionReassembler(2, LIMIT);
            indexFirst.add(record(1, 6, new TransactionMark(id(3), 3, 4, TransactionMark.UNKNOWN_COUNT)));

            String expected = "seq 3 (id 'gtid:3') has index 4 at partition 1 offset 6 but its count is 2 (from partition 0 offset 5)";
            assertThatThrownBy(() -> countFirst.add(record(1, 6, new TransactionMark(id(3), 3, 4, TransactionMark.UNKNOWN_COUNT))))
                    .isInstanceOf(TransactionReassemblyException.class).hasMessage(expected);
            assertThatThrownBy(() -> indexFirst.add(record(0, 5, new TransactionMark(id(3), 3, 1, 2))))
                    .isInstanceOf(TransactionReassemblyException.class).hasMessage(expected);
        }

        @Test
        void aRecordWithoutTransactionFieldsIsRejected() {
            ConsumedRecord bare = new ConsumedRecord(0, 9, null, ORDERS, Operation.INSERT, null, Row.of(Map.of("id", 1)), null, SplitRole.NONE);

            assertThatThrownBy(() -> new TransactionReassembler(1, LIMIT).add(bare))
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessageStartingWith("the record at partition 0 offset 9 has no transaction fields (id, seq, index, count)");
        }
    }

    @Nested
    class Replays {

        @Test
        void aSuffixWrittenAgainAfterACrashIsDroppedAndCountedWhicheverPartitionIsReadFirst() {
            TestingHashTopic topic = new TestingHashTopic(3);
            topic.transaction(0, 1);
            topic.transaction(2);
            topic.watermark();
            topic.transaction(0, 1, 2);
            topic.schemaChange(ORDERS);
            topic.transaction(2, 2);
            topic.watermark();
            topic.replayFrom(3);
            topic.transaction(1, 0);
            topic.watermark();
            long replayed = 3 + 3 + 2;

            for (List<Entry> order : List.of(topic.roundRobin(), topic.partitionAfterPartition(), topic.lastPartitionFirst(),
                    topic.interleaved(new Random(7), 4))) {
                TransactionReassembler reassembler = new TransactionReassembler(3, LIMIT);
                List<ReassembledTransaction> released = feed(reassembler, order);

                assertThat(seqs(released)).isEqualTo(seqsUpTo(6));
                assertThat(reassembler.droppedReplays()).isEqualTo(replayed);
                assertThat(reassembler.bufferedRecords()).isZero();
            }
        }

        @Test
        void aRecordAlreadyHeldIsDroppedAndOneAlreadyReleasedToo() {
            TransactionReassembler reassembler = new TransactionReassembler(1, LIMIT);
            ConsumedRecord record = record(0, 0, new TransactionMark(id(1), 1, 0, 1));
            reassembler.add(record);
            reassembler.add(TestingHashTopic.record(0, 1, record.txn()));
            reassembler.add(ControlRecord.watermark(0, 2, 1));
            List<ReassembledTransaction> released = reassembler.release();
            reassembler.add(TestingHashTopic.record(0, 3, record.txn()));

            assertThat(released).containsExactly(ReassembledTransaction.ofRecords(1, id(1), List.of(record)));
            assertThat(reassembler.droppedReplays()).isEqualTo(2);
            assertThat(reassembler.bufferedRecords()).isZero();
        }

        @Test
        void aReplayedWatermarkLowerThanTheLastLeavesThePartitionsWatermark() {
            TransactionReassembler reassembler = new TransactionReassembler(1, LIMIT);
            reassembler.add(ControlRecord.watermark(0, 10, 5));
            reassembler.add(ControlRecord.watermark(0, 11, 3));

            assertThat(reassembler.lowWatermark()).isEqualTo(5);
        }
    }

    @Nested
    class BufferLimit {

        @Test
        void exceedingTheLimitNamesThePartitionThatHoldsTheLowWatermarkBack() {
            TestingHashTopic topic = new TestingHashTopic(3);
            topic.transaction(0, 1, 2);
            topic.watermark();
            for (int transaction = 0; transaction < 5; transaction++) {
                topic.transaction(0, 1);
                topic.watermark(0, transaction + 2);
                topic.watermark(1, transaction + 2);
            }
            TransactionReassembler reassembler = new TransactionReassembler(3, 9);

            assertThatThrownBy(() -> feed(reassembler, topic.roundRobin()))
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessage("cannot hold the record at partition 1 offset 10 (seq 6): 9 records wait for the watermarks, the limit"
                            + " maxBufferedRecords is 9. partition 2 holds the low watermark back at 1 (partition 2 offset 1); the others"
                            + " are at 0: 5, 1: 5. Held: seq 2 to 6; the largest, seq 2 (id 'gtid:2'), has 2 records. Find why the low"
                            + " watermark does not advance: a stalled partition (its consumer or the writer), or a writer that writes no"
                            + " watermarks (hash mode writes them); or raise maxBufferedRecords above the largest transaction and what the"
                            + " partitions hold between two watermarks.");
            assertThat(reassembler.bufferedRecords()).isEqualTo(9);
            assertThat(reassembler.releasedSeq()).isEqualTo(1);
        }

        @Test
        void aWriterThatWritesNoWatermarksIsCalledOut() {
            TestingHashTopic topic = new TestingHashTopic(2);
            topic.transaction(0, 1);
            topic.transaction(0, 1);
            TransactionReassembler reassembler = new TransactionReassembler(2, 3);

            assertThatThrownBy(() -> feed(reassembler, topic.partitionAfterPartition()))
                    .isInstanceOf(TransactionReassemblyException.class)
                    .hasMessageContaining("3 records wait for the watermarks, the limit maxBufferedRecords is 3."
                            + " No partition has shown a watermark yet, so nothing held can be released.");
        }

        @Test
        void releasedTransactionsMakeRoomSoALongStreamFitsASmallLimit() {
            TestingHashTopic topic = new TestingHashTopic(2);
            for (int transaction = 0; transaction < 1_000; transaction++) {
                topic.transaction(transaction % 2, 1 - transaction % 2);
                topic.watermark();
            }
            TransactionReassembler reassembler = new TransactionReassembler(2, 4);

            assertThat(feed(reassembler, topic.roundRobin())).hasSize(1_000);
        }
    }

    @Test
    void epochMarkersAreIgnored() {
        TestingHashTopic topic = new TestingHashTopic(2);
        topic.transaction(0, 1);
        topic.epoch(1);
        topic.transaction(1, 0);
        topic.watermark();

        assertThat(seqs(feed(new TransactionReassembler(2, LIMIT), topic.roundRobin()))).containsExactly(1L, 2L);
    }

    @Nested
    class Guards {

        @Test
        void partitionCountMustBePositive() {
            assertThatThrownBy(() -> new TransactionReassembler(0, LIMIT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("partitionCount must be >= 1 but got 0");
        }

        @Test
        void maxBufferedRecordsMustBePositive() {
            assertThatThrownBy(() -> new TransactionReassembler(1, -3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxBufferedRecords must be >= 1 but got -3");
        }

        @Test
        void recordsOfAPartitionOutsideTheTopicAreRejected() {
            TransactionReassembler reassembler = new TransactionReassembler(2, LIMIT);

            assertThatThrownBy(() -> reassembler.add(record(2, 7, new TransactionMark(id(1), 1, 0, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("partition must be in [0, 2) but got the record at partition 2 offset 7; a reassembler reads one topic whose"
                            + " partition count does not change");
            assertThatThrownBy(() -> reassembler.add(ControlRecord.watermark(5, 0, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("partition must be in [0, 2) but got the record at partition 5 offset 0");
        }

        @Test
        void nullsAreRejected() {
            TransactionReassembler reassembler = new TransactionReassembler(1, LIMIT);

            assertThatThrownBy(() -> reassembler.add((ConsumedRecord) null)).hasMessage("record is null");
            assertThatThrownBy(() -> reassembler.add((ControlRecord) null)).hasMessage("control is null");
        }

        @Test
        void aReassembledTransactionMustBeWhole() {
            List<ConsumedRecord> gap = List.of(record(0, 0, new TransactionMark(id(1), 1, 0, 3)), record(0, 1, new TransactionMark(id(1), 1, 2, 3)));

            assertThatThrownBy(() -> ReassembledTransaction.ofRecords(1, id(1), gap))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("record 0 of seq 1 (id 'gtid:1') must be index 0 of 2 but is ConsumedRecord[partition 0 offset 0");
            assertThatThrownBy(() -> ReassembledTransaction.ofSchemaChange(ControlRecord.watermark(0, 0, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a schema change transaction has the seq and id of its DDL record");
        }
    }
}
