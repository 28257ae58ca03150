package dev.orderly.bench;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows a contender's topic while it runs ({@code read_committed}, every partition from the start)
 * and remembers which row ids from {@code baseId} on it has seen: a latency run learns from it when
 * the contender delivers its probe rows and when it has delivered the whole load. It only polls when
 * asked, so it costs nothing while the load runs. Not thread-safe.
 */
final class TopicTail implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final long baseId;
    private final BitSet seen = new BitSet();

    TopicTail(String bootstrapServers, String topic, long baseId) {
        this.baseId = baseId;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what the topic holds for about {@code duration}, or less once some id has been seen. */
    void pollUntilSeen(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        do {
            poll();
        } while (seen.isEmpty() && System.nanoTime() < deadline);
    }

    boolean seenAny() {
        return !seen.isEmpty();
    }

    /** The lowest id seen; only once {@link #seenAny}. */
    long lowestSeen() {
        return baseId + seen.nextSetBit(0);
    }

    /**
     * Reads until every id of {@code ids} has been seen.
     *
     * @throws IllegalStateException when {@code writer} ends or the timeout passes first, saying how many are missing
     */
    void awaitAll(IdRange ids, Duration timeout, ChildJvm writer) throws InterruptedException {
        if (ids.first() < baseId) {
            throw new IllegalArgumentException("ids " + ids + " start below this tail's first id " + baseId);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int from = (int) (ids.first() - baseId);
        int to = (int) (ids.last() - baseId);
        while (seen.nextClearBit(from) <= to) {
            if (!writer.isAlive() || System.nanoTime() > deadline) {
                long missing = ids.count() - seen.get(from, to + 1).cardinality();
                throw new IllegalStateException(writer + (writer.isAlive() ? " did not deliver " : " ended before it delivered ") + missing + " of the "
                        + ids.count() + " rows " + ids + (writer.isAlive() ? " within " + timeout.toSeconds() + " s" : "") + writer.logTail());
            }
            poll();
            from = seen.nextClearBit(from);
        }
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            long id = record.value() == null ? -1 : TopicScan.id(record.value());
            if (id >= baseId && id - baseId < Integer.MAX_VALUE) {
                seen.set((int) (id - baseId));
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
