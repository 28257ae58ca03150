package dev.orderly.ports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a topic back, for verification, with {@code read_committed} isolation: records of aborted
 * transactions are never seen, and a read ends at the last stable offset. Each call is independent
 * and opens its own connection; implementations are thread-safe.
 */
public interface TopicReaderPort {

    /**
     * Reads the committed records of a topic from the given start offsets up to the end offsets at the
     * time of the call, handing each record to {@code records} as it arrives, so the caller holds only
     * what it keeps. Within a partition records come in offset order; partitions interleave.
     *
     * @param startOffsets where to start in each partition; a partition not named starts at its
     *     beginning, as does one whose start offset retention has already deleted
     * @param records called once per record, on the calling thread
     * @param progress called on the calling thread after each batch of records, at most a few times a second
     * @return the offsets the read covered
     * @throws TopicUnavailableException when the topic does not exist or the brokers cannot be reached;
     *     the message names the topic and the brokers
     * @throws IllegalArgumentException when a start offset names a partition the topic lacks, is
     *     negative, or lies beyond its partition's end offset; the message names the partition
     */
    TopicExtent read(String topic, Map<Integer, Long> startOffsets, Consumer<StoredRecord> records, Consumer<ReadProgress> progress);

    /**
     * Every committed record of the topic from the beginning up to the end offsets at the time of the
     * call, sorted by partition, then offset; the whole topic in memory.
     *
     * @throws TopicUnavailableException when the topic does not exist or the brokers cannot be reached
     */
    default List<StoredRecord> readAll(String topic) {
        List<StoredRecord> all = new ArrayList<>();
        read(topic, Map.of(), all::add, progress -> { });
        all.sort(Comparator.comparingInt(StoredRecord::partition).thenComparingLong(StoredRecord::offset));
        return all;
    }
}
