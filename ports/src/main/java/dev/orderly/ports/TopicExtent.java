package dev.orderly.ports;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The part of a topic a read covered: in each partition the offsets from {@code startOffsets}
 * (inclusive) to {@code endOffsets} (exclusive).
 *
 * @param topic the topic's name
 * @param partitionCount the topic's partition count
 * @param startOffsets the offset each partition was read from, for every partition
 * @param endOffsets the offset each partition was read up to, for every partition
 * @param records how many records were read
 */
public record TopicExtent(String topic, int partitionCount, SortedMap<Integer, Long> startOffsets, SortedMap<Integer, Long> endOffsets,
                          long records) {

    public TopicExtent {
        requireNonNull(topic, "topic is null");
        startOffsets = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(startOffsets, "startOffsets is null")));
        endOffsets = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(endOffsets, "endOffsets is null")));
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be >= 1 but got " + partitionCount);
        }
        if (!startOffsets.keySet().equals(endOffsets.keySet())) {
            throw new IllegalArgumentException("startOffsets and endOffsets must name the same partitions but got " + startOffsets.keySet()
                    + " and " + endOffsets.keySet());
        }
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0 but got " + records);
        }
    }
}
