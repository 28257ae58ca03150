package dev.orderly.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.Marker;
import dev.orderly.domain.ordering.RoutedRecord;
import dev.orderly.domain.ordering.RoutedSchemaChange;
import dev.orderly.domain.ordering.SplitRole;
import dev.orderly.domain.ordering.TransactionMark;
import dev.orderly.domain.reassembly.ReassembledTransaction;
import dev.orderly.domain.reassembly.TransactionReassemblyException;
import dev.orderly.domain.verify.ConsumedRecord;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.ports.TransactionHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The wiring around the reassembler: every partition from the beginning, control records told from
 * data records by their headers, whole transactions out. Kafka's own {@link MockConsumer} stands in for
 * the broker; the real broker is exercised in {@code it-tests}.
 */
class KafkaTransactionReaderTest {

    private static final String TOPIC = "shop.changes";
    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final Duration TIMEOUT = Duration.ofMillis(10);

    /** Reads a data record from its transaction headers; its value is the table name. */
    private static final class TestingFormat implements MessageFormatPort {

        @Override
        public String identifier() {
            return "testing";
        }

        @Override
        public byte[] value(RoutedRecord record) {
            throw new UnsupportedOperationException("the reader only reads");
        }

        @Override
        public byte[] marker(Marker marker) {
            throw new UnsupportedOperationException("the reader only reads");
        }

        @Override
        public byte[] schemaChange(RoutedSchemaChange change) {
            throw new UnsupportedOperationException("the reader only reads");
        }

        @Override
        public ConsumedRecord read(int partition, long offset, byte[] key, byte[] value, Map<String, byte[]> headers) {
            TransactionMark txn = new TransactionMark(text(headers, TransactionHeaders.ID), Long.parseLong(text(headers, TransactionHeaders.SEQ)),
                    Integer.parseInt(text(headers, TransactionHeaders.INDEX)),
                    headers.containsKey(TransactionHeaders.COUNT) ? Integer.parseInt(text(headers, TransactionHeaders.COUNT)) : TransactionMark.UNKNOWN_COUNT);
            return new ConsumedRecord(partition, offset, key, TableId.parse(new String(value, StandardCharsets.UTF_8)), Operation.INSERT, null,
                    Row.of(Map.of("id", offset)), txn, SplitRole.NONE);
        }

        private static String text(Map<String, byte[]> headers, String name) {
            return new String(headers.get(name), StandardCharsets.UTF_8);
        }
    }

    private static MockConsumer<byte[], byte[]> topicOf(int partitions) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, IntStream.range(0, partitions)
                .mapToObj(partition -> new PartitionInfo(TOPIC, partition, null, null, null)).toList());
        consumer.updateBeginningOffsets(IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(partition -> new TopicPartition(TOPIC, partition), partition -> 0L)));
        return consumer;
    }

    private static void row(MockConsumer<byte[], byte[]> consumer, int partition, long offset, long seq, int index, int count) {
        Map<String, byte[]> headers = RecordHeaders.ofRow(new TransactionMark("gtid:" + seq, seq, index, count), 0);
        consumer.addRecord(kafkaRecord(partition, offset, headers, ORDERS.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void watermark(MockConsumer<byte[], byte[]> consumer, int partition, long offset, long seq) {
        consumer.addRecord(kafkaRecord(partition, offset, RecordHeaders.ofMarker(Marker.watermark(seq, 0, 2)), new byte[0]));
    }

    private static void schemaChange(MockConsumer<byte[], byte[]> consumer, int partition, long offset, long seq) {
        SchemaChange change = new SchemaChange("gtid:" + seq, "shop", List.of(ORDERS), "ALTER TABLE orders ADD note TEXT", Map.of());
        Map<String, byte[]> headers = RecordHeaders.ofSchemaChange(new RoutedSchemaChange(change, partition, new TransactionMark("gtid:" + seq, seq, 0, 1)));
        consumer.addRecord(kafkaRecord(partition, offset, headers, new byte[0]));
    }

    private static ConsumerRecord<byte[], byte[]> kafkaRecord(int partition, long offset, Map<String, byte[]> headers, byte[] value) {
        org.apache.kafka.common.header.internals.RecordHeaders kafkaHeaders = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.forEach(kafkaHeaders::add);
        return new ConsumerRecord<>(TOPIC, partition, offset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, null, value, kafkaHeaders, Optional.empty());
    }

    @Test
    void readsEveryPartitionFromTheBeginningAndHandsOutWholeTransactionsInSeqOrder() {
        MockConsumer<byte[], byte[]> consumer = topicOf(2);
        try (KafkaTransactionReader reader = new KafkaTransactionReader(consumer, TOPIC, new TestingFormat(), 100)) {
            row(consumer, 0, 0, 1, 0, 2);
            schemaChange(consumer, 0, 1, 2);
            row(consumer, 1, 0, 1, 1, 2);
            watermark(consumer, 0, 2, 2);
            List<ReassembledTransaction> beforeTheLastWatermark = reader.poll(TIMEOUT);
            schemaChange(consumer, 1, 1, 2);
            watermark(consumer, 1, 2, 2);
            List<ReassembledTransaction> released = reader.poll(TIMEOUT);

            assertThat(beforeTheLastWatermark).isEmpty();
            assertThat(released).extracting(ReassembledTransaction::seq).containsExactly(1L, 2L);
            assertThat(released.get(0).records()).extracting(ConsumedRecord::position).containsExactly("partition 0 offset 0", "partition 1 offset 0");
            assertThat(released.get(1).isSchemaChange()).isTrue();
            assertThat(consumer.assignment()).containsExactlyInAnyOrder(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
        }
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void theWholeTransactionsBeforeATornOneComeFirstAndEveryLaterPollReportsIt() {
        MockConsumer<byte[], byte[]> consumer = topicOf(2);
        try (KafkaTransactionReader reader = new KafkaTransactionReader(consumer, TOPIC, new TestingFormat(), 100)) {
            row(consumer, 0, 0, 1, 0, 1);
            row(consumer, 0, 1, 2, 0, 2);
            watermark(consumer, 0, 2, 2);
            watermark(consumer, 1, 0, 2);

            assertThat(reader.poll(TIMEOUT)).extracting(ReassembledTransaction::seq).containsExactly(1L);
            for (int poll = 0; poll < 2; poll++) {
                assertThatThrownBy(() -> reader.poll(TIMEOUT))
                        .isInstanceOf(TransactionReassemblyException.class)
                        .hasMessageStartingWith("seq 2 (id 'gtid:2') is not whole although every partition's watermark passed it: index 1 of 2 missing");
            }
        }
    }

    @Test
    void aTopicThatDoesNotExistIsAClearErrorAndTheConsumerIsClosed() {
        MockConsumer<byte[], byte[]> consumer = topicOf(0);

        assertThatThrownBy(() -> new KafkaTransactionReader(consumer, TOPIC, new TestingFormat(), 100))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("topic shop.changes does not exist; create it, or check the topic name and bootstrap servers");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aBadLimitIsRejectedAndTheConsumerIsClosed() {
        MockConsumer<byte[], byte[]> consumer = topicOf(2);

        assertThatThrownBy(() -> new KafkaTransactionReader(consumer, TOPIC, new TestingFormat(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBufferedRecords must be >= 1 but got 0");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aClosedReaderRefusesToPollAndClosesOnce() {
        MockConsumer<byte[], byte[]> consumer = topicOf(1);
        KafkaTransactionReader reader = new KafkaTransactionReader(consumer, TOPIC, new TestingFormat(), 100);
        reader.close();
        reader.close();

        assertThatThrownBy(() -> reader.poll(TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the reader of topic shop.changes is closed");
    }
}
