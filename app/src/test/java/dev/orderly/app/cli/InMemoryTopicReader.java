package dev.orderly.app.cli;

import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.ReadProgress;
import dev.orderly.ports.StoredRecord;
import dev.orderly.ports.TopicExtent;
import dev.orderly.ports.TopicReaderPort;
import dev.orderly.ports.TopicUnavailableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/** One topic in memory, read as Kafka reads it: each record's offset is its position among its partition's records. */
final class InMemoryTopicReader implements TopicReaderPort {

    private final String topic;
    private final int partitionCount;
    private final List<OutgoingRecord> records;

    /** @param records the records in send order */
    InMemoryTopicReader(String topic, int partitionCount, List<OutgoingRecord> records) {
        this.topic = topic;
        this.partitionCount = partitionCount;
        this.records = List.copyOf(records);
    }

    @Override
    public TopicExtent read(String name, Map<Integer, Long> startOffsets, Consumer<StoredRecord> consumer, Consumer<ReadProgress> progress) {
        if (!topic.equals(name)) {
            throw new TopicUnavailableException("topic " + name + " does not exist in memory");
        }
        SortedMap<Integer, Long> end = new TreeMap<>();
        for (int partition = 0; partition < partitionCount; partition++) {
            end.put(partition, 0L);
        }
        records.forEach(record -> end.merge(record.partition(), 1L, Long::sum));
        SortedMap<Integer, Long> start = new TreeMap<>();
        end.forEach((partition, last) -> {
            long first = startOffsets.getOrDefault(partition, 0L);
            if (first > last) {
                throw new IllegalArgumentException("start offset " + first + " of partition " + partition + " is beyond its end " + last);
            }
            start.put(partition, first);
        });
        Map<Integer, Long> next = new HashMap<>();
        long read = 0;
        for (OutgoingRecord record : records) {
            long offset = next.merge(record.partition(), 1L, Long::sum) - 1;
            if (offset >= start.get(record.partition())) {
                consumer.accept(new StoredRecord(record.partition(), offset, record.key(), record.value(), record.headers()));
                read++;
            }
        }
        progress.accept(new ReadProgress(read, read, read));
        return new TopicExtent(topic, partitionCount, start, end, read);
    }
}
