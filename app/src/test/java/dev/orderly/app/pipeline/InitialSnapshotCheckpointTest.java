package dev.orderly.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.plugin.builtin.OnePartitionRule;
import dev.orderly.plugin.json.JsonMessageFormat;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.TransactionHeaders;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The transactions of an initial snapshot have no end position: no checkpoint is committed until the
 * first position after the snapshot, so a crash during the snapshot restarts it (docs/DELIVERY.md).
 */
class InitialSnapshotCheckpointTest {

    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final TableKeys ORDERS_KEYS = new TableKeys(ORDERS, List.of("id", "customer_id"), Set.of(), List.of("id"), List.of());

    private final InMemorySource source = new InMemorySource();
    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore(null);

    @Test
    void atLeastOnceCommitsNoCheckpointBeforeTheFirstPositionAfterTheSnapshot() throws Exception {
        InMemorySink sink = new InMemorySink(1);
        PipelineRun run = new Pipeline(settings(), source, sink, offsets, new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)),
                Map.of("one_partition", new OnePartitionRule()), new JsonMessageFormat(), Duration.ofMillis(10)).start();

        source.emit(Transaction.ofSnapshot("snapshot:shop.orders:1", List.of(read(1), read(2))));
        source.emit(Transaction.ofSnapshot("snapshot:shop.orders:2", List.of(read(3))));
        Thread.sleep(100);
        assertThat(offsets.commits).as("no checkpoint inside the snapshot, over several commit intervals").isEmpty();

        source.idle(new SourcePosition("p-snapshot", "after-snapshot"));
        source.emit(new Transaction("t1", List.of(ChangeEvent.update(ORDERS, row(2, 20), row(2, 21), Map.of())), new SourcePosition("p1", "after-1")));
        run.stop();

        assertThat(sink.records).extracting(record -> header(record, TransactionHeaders.ID) + "/" + header(record, TransactionHeaders.SEQ) + "/"
                + header(record, TransactionHeaders.INDEX)).containsExactly("snapshot:shop.orders:1/1/0", "snapshot:shop.orders:1/1/1",
                        "snapshot:shop.orders:2/2/0", "t1/3/0");
        assertThat(sink.records).extracting(record -> new String(record.value(), StandardCharsets.UTF_8).substring(0, 9))
                .containsExactly("{\"op\":\"r\"", "{\"op\":\"r\"", "{\"op\":\"r\"", "{\"op\":\"u\"");
        assertThat(offsets.commits).isNotEmpty().allSatisfy(checkpoint -> assertThat(checkpoint.seq()).isGreaterThanOrEqualTo(2));
        assertThat(offsets.commits.get(0).position().description()).isIn("after-snapshot", "after-1");
        assertThat(offsets.last()).hasValueSatisfying(checkpoint -> assertThat(checkpoint.seq()).isEqualTo(3));
    }

    @Test
    void exactlyOnceCommitsTheSnapshotWithTheFirstCheckpointAfterItWhenItFitsInOneKafkaTransaction() {
        InMemoryTransactionalSink sink = new InMemoryTransactionalSink(4);
        ExactlyOnceDelivery delivery = new ExactlyOnceDelivery(sink, "changes", 100, Optional.empty(), new ArrayList<Throwable>()::add);

        delivery.deliver(records(3), null);
        delivery.commit();
        delivery.deliver(records(2), null);
        delivery.commit();
        assertThat(sink.commits).as("the commit interval never ends a Kafka transaction inside the snapshot").isEmpty();

        Checkpoint afterSnapshot = new Checkpoint(new SourcePosition("p", "after-snapshot"), 2, 4);
        delivery.idle(afterSnapshot);
        delivery.commit();

        assertThat(sink.commits).singleElement().satisfies(commit -> {
            assertThat(commit.records()).hasSize(5);
            assertThat(commit.checkpoint()).contains(afterSnapshot);
        });
    }

    @Test
    void exactlyOnceCommitsAFullKafkaTransactionInsideTheSnapshotWithoutACheckpoint() {
        InMemoryTransactionalSink sink = new InMemoryTransactionalSink(4);
        ExactlyOnceDelivery delivery = new ExactlyOnceDelivery(sink, "changes", 4, Optional.empty(), new ArrayList<Throwable>()::add);

        delivery.deliver(records(3), null);
        delivery.deliver(records(3), null);
        Checkpoint afterSnapshot = new Checkpoint(new SourcePosition("p", "after-snapshot"), 2, 4);
        delivery.idle(afterSnapshot);
        delivery.commit();

        assertThat(sink.commits).extracting(commit -> commit.records().size()).containsExactly(4, 2);
        assertThat(sink.commits).extracting(InMemoryTransactionalSink.Committed::checkpoint)
                .containsExactly(Optional.empty(), Optional.of(afterSnapshot));
    }

    private static ChangeEvent read(long id) {
        return ChangeEvent.read(ORDERS, row(id, id * 10), Map.of("file", "mysql-bin.000001", "pos", 4L, "snapshot", "true"));
    }

    private static Row row(long id, long customer) {
        return Row.of(Map.of("id", id, "customer_id", customer));
    }

    private static List<OutgoingRecord> records(int count) {
        return IntStream.range(0, count).mapToObj(i -> new OutgoingRecord(i % 4, null, new byte[] {(byte) i}, Map.of())).toList();
    }

    private static String header(OutgoingRecord record, String name) {
        return new String(record.headers().get(name), StandardCharsets.UTF_8);
    }

    private static OrderlySettings settings() {
        return new OrderlySettings("test", Path.of("/tmp/unused"),
                new SourceSettings(SourceType.MYSQL, "127.0.0.1", 3306, "cdc", "secret", 1, List.of(ORDERS), Map.of()),
                new SinkSettings("127.0.0.1:9092", "changes", 1, DeliveryMode.AT_LEAST_ONCE, Map.of()),
                new PartitionSettings("one_partition", Map.of(), NoKeyPolicy.FAIL), "json");
    }
}
