package dev.orderly.bench;

import dev.orderly.ports.TransactionHeaders;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a contender's whole topic after its run ({@code read_committed}) and checks what every
 * contender must deliver, whatever its format: each row of the expected id range exactly once (by its
 * id), and per partition and key the ids in increasing order (rows are inserted in increasing id order,
 * so per-key order means increasing ids); a key never in two partitions. Also takes the broker's append
 * time (topics are created with {@code message.timestamp.type=LogAppendTime}) of the first and the
 * last row: when delivery started and when the last row was written. A {@link RowVisitor} sees the id
 * and append time of every row in the range (the latency runs time each row with it).
 *
 * @param expected the ids the topic must hold, each once
 * @param rows data records (control records excluded)
 * @param controlRecords records with the {@code orderly.marker} header
 * @param missing expected ids never seen
 * @param duplicates ids seen more than once
 * @param keyOrderViolations records whose id is not above the last id of their key in their partition
 * @param keysInSeveralPartitions keys met in more than one partition
 * @param firstAppendMillis append time of the earliest row
 * @param lastAppendMillis append time of the latest row
 * @param sampleKey the key of the first row read, printable characters as they are, others as {@code \xNN}
 * @param problems the first problems found, described
 */
record TopicScan(IdRange expected, long rows, long controlRecords, long missing, long duplicates, long keyOrderViolations, long keysInSeveralPartitions,
                 long firstAppendMillis, long lastAppendMillis, String sampleKey, List<String> problems) {

    private static final byte[] AFTER_ID = FeedFile.utf8("\"after\":{\"id\":");
    private static final int MAX_PROBLEMS = 10;

    /** Told of every data record whose id is in the expected range, duplicates included. */
    @FunctionalInterface
    interface RowVisitor {
        RowVisitor NONE = (id, appendMillis) -> {
        };

        void row(long id, long appendMillis);
    }

    boolean clean() {
        return rows == expected.count() && missing == 0 && duplicates == 0 && keyOrderViolations == 0 && keysInSeveralPartitions == 0 && problems.isEmpty();
    }

    String summary() {
        return String.format("%s: %,d rows of %,d, %,d control, %d missing, %d duplicates, %d key-order violations, %d keys in several partitions,"
                        + " key e.g. %s%s",
                clean() ? "ok" : "FAIL", rows, expected.count(), controlRecords, missing, duplicates, keyOrderViolations, keysInSeveralPartitions,
                sampleKey,
                problems.isEmpty() ? "" : "; " + String.join("; ", problems));
    }

    static TopicScan scan(String bootstrapServers, String topic, IdRange expected, RowVisitor visitor) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 << 20));
        List<String> problems = new ArrayList<>();
        BitSet seen = new BitSet((int) expected.count());
        Map<ByteBuffer, Integer> keyPartition = new HashMap<>();
        List<Map<ByteBuffer, Long>> lastIds = new ArrayList<>();
        long rows = 0;
        long control = 0;
        long duplicates = 0;
        long keyOrder = 0;
        long severalPartitions = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        String sampleKey = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
            for (int i = 0; i < partitions.size(); i++) {
                lastIds.add(new HashMap<>());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    problems.add("reading the topic did not reach its end offsets " + end + " within 5 minutes");
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.headers().lastHeader(TransactionHeaders.MARKER) != null) {
                        control++;
                        continue;
                    }
                    rows++;
                    if (sampleKey == null) {
                        sampleKey = printable(record.key());
                    }
                    if (record.timestampType() != TimestampType.LOG_APPEND_TIME && problems.size() < MAX_PROBLEMS) {
                        problems.add("partition " + record.partition() + " offset " + record.offset() + " has a " + record.timestampType()
                                + " timestamp, not the broker's append time");
                    }
                    first = Math.min(first, record.timestamp());
                    last = Math.max(last, record.timestamp());
                    long id = id(record.value());
                    if (!expected.contains(id)) {
                        if (problems.size() < MAX_PROBLEMS) {
                            problems.add("partition " + record.partition() + " offset " + record.offset() + " holds no id of " + expected + " (" + id + ")");
                        }
                        continue;
                    }
                    visitor.row(id, record.timestamp());
                    int index = expected.index(id);
                    if (seen.get(index)) {
                        duplicates++;
                    }
                    seen.set(index);
                    ByteBuffer key = ByteBuffer.wrap(record.key() == null ? new byte[0] : record.key());
                    Integer partitionOfKey = keyPartition.putIfAbsent(key, record.partition());
                    if (partitionOfKey != null && partitionOfKey != record.partition()) {
                        severalPartitions++;
                        if (problems.size() < MAX_PROBLEMS) {
                            problems.add("the key of id " + id + " is in partitions " + partitionOfKey + " and " + record.partition());
                        }
                    }
                    Long previous = lastIds.get(record.partition()).put(key, id);
                    if (previous != null && previous >= id) {
                        keyOrder++;
                        if (problems.size() < MAX_PROBLEMS) {
                            problems.add("partition " + record.partition() + " offset " + record.offset() + ": id " + id + " after id " + previous
                                    + " of the same key");
                        }
                    }
                }
            }
        }
        long missing = expected.count() - seen.cardinality();
        return new TopicScan(expected, rows, control, missing, duplicates, keyOrder, severalPartitions, first, last, sampleKey, List.copyOf(problems));
    }

    /** The id of the row in a json value, orderly's or Debezium's: the number after {@code "after":{"id":}; -1 when absent. */
    static long id(byte[] value) {
        int at = indexOf(value, AFTER_ID);
        if (at < 0) {
            return -1;
        }
        long id = 0;
        int digits = 0;
        for (int i = at + AFTER_ID.length; i < value.length && value[i] >= '0' && value[i] <= '9'; i++) {
            id = id * 10 + (value[i] - '0');
            digits++;
        }
        return digits == 0 ? -1 : id;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String printable(byte[] key) {
        if (key == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder("'");
        for (byte b : key) {
            text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return text.append("'").toString();
    }
}
