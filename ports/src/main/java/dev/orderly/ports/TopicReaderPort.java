package dev.orderly.ports;

import java.util.List;

/** Reads a topic back, for verification. Each call is independent; thread-safe. */
public interface TopicReaderPort {

    /**
     * Every committed record of the topic from the beginning up to the end offsets at the time of the
     * call, sorted by partition, then offset.
     */
    List<StoredRecord> readAll(String topic);
}
