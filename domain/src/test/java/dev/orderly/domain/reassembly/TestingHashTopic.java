package dev.orderly.domain.reassembly;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.domain.verify.ControlRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A {@code hash} topic written as the pipeline writes one: seqs from 1, each transaction's records on
 * the partitions a test chooses, schema changes broadcast, watermarks on every partition. Tests read it
 * back in any interleaving of its partitions, and plant faults in it.
 */
final class TestingHashTopic {

    static final TableId ORDERS = TableId.parse("shop.orders");

    /** One record of a partition: a data record or a control record. */
    record Entry(ConsumedRecord record, ControlRecord control) {

        Entry {
            if ((record == null) == (control == null)) {
                throw new IllegalArgumentException("an entry is a data record or a control record");
            }
        }

        void feed(TransactionReassembler reassembler) {
            if (record != null) {
                reassembler.add(record);
            } else {
                reassembler.add(control);
            }
        }

        int partition() {
            return record != null ? record.partition() : control.partition();
        }

        /** The seq of a data record or schema change; -1 for other control records. */
        long seq() {
            if (record != null) {
                return record.txn().seq();
            }
            return control.kind() == ControlRecord.Kind.DDL ? control.seq() : -1;
        }

        Entry at(long offset) {
            return record != null ? new Entry(TestingHashTopic.record(record.partition(), offset, record.txn()), null)
                    : new Entry(null, new ControlRecord(control.partition(), offset, control.kind(), control.seq(), control.epoch(), control.tables(),
                            control.transactionId()));
        }
    }

    private final List<List<Entry>> partitions = new ArrayList<>();
    private final long[] nextOffsets;
    private final Map<Long, List<ConsumedRecord>> written = new TreeMap<>();
    private long seq;

    TestingHashTopic(int partitionCount) {
        nextOffsets = new long[partitionCount];
        for (int partition = 0; partition < partitionCount; partition++) {
            partitions.add(new ArrayList<>());
        }
    }

    static ConsumedRecord record(int partition, long offset, TransactionMark txn) {
        byte[] key = ("[" + txn.seq() + "," + txn.index() + "]").getBytes(StandardCharsets.UTF_8);
        return new ConsumedRecord(partition, offset, key, ORDERS, Operation.INSERT, null,
                Row.of(Map.of("id", txn.seq() * 1000 + txn.index(), "customer_id", txn.index())), txn, SplitRole.NONE);
    }

    static String id(long seq) {
        return "gtid:" + seq;
    }

    /** A transaction whose record {@code i} goes to partition {@code partitionOfRecord[i]}; its seq. */
    long transaction(int... partitionOfRecord) {
        return streamed(partitionOfRecord.length, partitionOfRecord);
    }

    /** A streamed transaction: only the last {@code lastPart} records carry the count. */
    long streamed(int lastPart, int... partitionOfRecord) {
        seq++;
        int count = partitionOfRecord.length;
        List<ConsumedRecord> records = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            int partition = partitionOfRecord[index];
            TransactionMark txn = new TransactionMark(id(seq), seq, index, index >= count - lastPart ? count : TransactionMark.UNKNOWN_COUNT);
            ConsumedRecord record = record(partition, nextOffset(partition), txn);
            partitions.get(partition).add(new Entry(record, null));
            records.add(record);
        }
        written.put(seq, List.copyOf(records));
        return seq;
    }

    /** A schema change of {@code tables}, one copy in every partition; its seq. */
    long schemaChange(TableId... tables) {
        seq++;
        for (int partition = 0; partition < partitions.size(); partition++) {
            append(new Entry(null, ControlRecord.schemaChange(partition, nextOffset(partition), seq, "ddl-" + seq, Arrays.asList(tables))));
        }
        return seq;
    }

    /** A watermark at the last seq written, in every partition. */
    void watermark() {
        for (int partition = 0; partition < partitions.size(); partition++) {
            watermark(partition, seq);
        }
    }

    void watermark(int partition, long watermark) {
        append(new Entry(null, ControlRecord.watermark(partition, nextOffset(partition), watermark)));
    }

    void epoch(long epoch) {
        for (int partition = 0; partition < partitions.size(); partition++) {
            append(new Entry(null, ControlRecord.epoch(partition, nextOffset(partition), seq, epoch)));
        }
    }

    /** What an at-least-once restart writes (D1): every partition's entries from the first of seq {@code from} on, again. */
    void replayFrom(long from) {
        for (List<Entry> partition : partitions) {
            int start = 0;
            while (start < partition.size() && partition.get(start).seq() < from) {
                start++;
            }
            for (Entry entry : List.copyOf(partition.subList(start, partition.size()))) {
                append(entry.at(nextOffset(entry.partition())));
            }
        }
    }

    /** Removes the data record of {@code seq} and {@code index}, as a writer that lost it would. */
    void lose(long seq, int index) {
        boolean removed = partitions.stream().anyMatch(partition -> partition.removeIf(
                entry -> entry.record() != null && entry.record().txn().seq() == seq && entry.record().txn().index() == index));
        if (!removed) {
            throw new AssertionError("no record of seq " + seq + " index " + index);
        }
    }

    /** Removes the copy of schema change {@code seq} from {@code partition}. */
    void loseCopy(long seq, int partition) {
        if (!partitions.get(partition).removeIf(entry -> entry.control() != null && entry.seq() == seq)) {
            throw new AssertionError("no schema change seq " + seq + " in partition " + partition);
        }
    }

    /** The data records written for {@code seq}, by index. */
    List<ConsumedRecord> written(long seq) {
        return written.get(seq);
    }

    List<Entry> partition(int partition) {
        return List.copyOf(partitions.get(partition));
    }

    /** All of partition 0, then all of partition 1, and so on. */
    List<Entry> partitionAfterPartition() {
        return partitions.stream().flatMap(List::stream).toList();
    }

    /** The last partition first, then the one before, and so on. */
    List<Entry> lastPartitionFirst() {
        List<Entry> all = new ArrayList<>();
        for (int partition = partitions.size() - 1; partition >= 0; partition--) {
            all.addAll(partitions.get(partition));
        }
        return all;
    }

    /** One entry of each partition in turn. */
    List<Entry> roundRobin() {
        int[] next = new int[partitions.size()];
        List<Entry> all = new ArrayList<>();
        for (int turn = 0; all.size() < size(); turn++) {
            int partition = turn % partitions.size();
            if (next[partition] < partitions.get(partition).size()) {
                all.add(partitions.get(partition).get(next[partition]++));
            }
        }
        return all;
    }

    /** A random interleaving: runs of 1 to {@code longestRun} entries of randomly chosen partitions, each partition in order. */
    List<Entry> interleaved(Random random, int longestRun) {
        int[] next = new int[partitions.size()];
        List<Entry> all = new ArrayList<>();
        while (all.size() < size()) {
            int partition = random.nextInt(partitions.size());
            List<Entry> entries = partitions.get(partition);
            for (int run = 1 + random.nextInt(longestRun); run > 0 && next[partition] < entries.size(); run--) {
                all.add(entries.get(next[partition]++));
            }
        }
        return all;
    }

    private int size() {
        return partitions.stream().mapToInt(List::size).sum();
    }

    private long nextOffset(int partition) {
        return nextOffsets[partition]++;
    }

    private void append(Entry entry) {
        partitions.get(entry.partition()).add(entry);
    }
}
