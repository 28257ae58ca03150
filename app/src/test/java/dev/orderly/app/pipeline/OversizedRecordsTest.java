package dev.orderly.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.plugin.builtin.HashRule;
import dev.orderly.plugin.json.JsonMessageFormat;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.TransactionHeaders;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.OversizedPolicy;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OversizedRecordsTest {

    private static final TableId DOCS = TableId.parse("shop.docs");
    private static final TableKeys DOCS_KEYS = new TableKeys(DOCS, List.of("id", "owner", "body"), Set.of(), List.of("id"), List.of());

    private final InMemorySource source = new InMemorySource();
    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore(null);
    private final InMemorySink sink = new InMemorySink(4);

    @Test
    void failStopsBeforeTheTransactionNamingTableKeySizeAndLimitWithTheCheckpointBeforeIt() throws Exception {
        sink.maxRecordSize = 1_000;
        PipelineRun run = pipeline(OversizedPolicy.FAIL).start();
        source.emit(transaction("t1", 1, doc(1, 7, 10)));
        run.progress();
        waitForCommit();

        assertThatThrownBy(() -> source.emit(transaction("t2", 2, doc(2, 7, 10), doc(3, 8, 5_000))))
                .isInstanceOf(PipelineFailedException.class)
                .hasMessageContaining("a INSERT of table shop.docs with key [8] in source transaction t2 (seq 2) is ")
                .hasMessageContaining("the largest record topic changes accepts is 1000 bytes")
                .hasMessageContaining("sink.oversized: key-only");
        assertThat(sink.records).hasSize(1);
        assertThat(offsets.last()).hasValueSatisfying(checkpoint -> assertThat(checkpoint.seq()).isEqualTo(1));
        assertThatThrownBy(run::awaitTermination).isInstanceOf(PipelineFailedException.class).hasMessageContaining("committed position intact (seq 1");
    }

    @Test
    void keyOnlyWritesTheKeyColumnsInPlaceWithTheWholeSizeInAHeader() throws Exception {
        sink.maxRecordSize = 1_000;
        PipelineRun run = pipeline(OversizedPolicy.KEY_ONLY).start();

        source.emit(transaction("t1", 1, doc(1, 7, 10), doc(2, 7, 5_000), doc(3, 7, 10)));
        run.stop();

        List<OutgoingRecord> rows = sink.records.stream().filter(record -> !record.headers().containsKey(TransactionHeaders.MARKER)).toList();
        assertThat(rows).hasSize(3);
        OutgoingRecord oversized = rows.get(1);
        String value = new String(oversized.value(), StandardCharsets.UTF_8);
        assertThat(value).contains("\"owner\":7", "\"id\":2").doesNotContain("body");
        assertThat(Integer.parseInt(header(oversized, TransactionHeaders.OVERSIZED))).isGreaterThan(5_000);
        assertThat(header(oversized, TransactionHeaders.INDEX)).isEqualTo("1");
        assertThat(header(oversized, TransactionHeaders.COUNT)).isEqualTo("3");
        assertThat(oversized.partition()).isEqualTo(rows.get(0).partition());
        assertThat(rows.get(0).headers()).doesNotContainKey(TransactionHeaders.OVERSIZED);
        assertThat(new String(rows.get(2).value(), StandardCharsets.UTF_8)).contains("body");
    }

    private void waitForCommit() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (offsets.last().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private Pipeline pipeline(OversizedPolicy policy) {
        OrderlySettings settings = new OrderlySettings("test", Path.of("/tmp/unused"),
                new SourceSettings(SourceType.MYSQL, "127.0.0.1", 3306, "cdc", "secret", 1, List.of(DOCS), Map.of()),
                new SinkSettings("127.0.0.1:9092", "changes", 4, DeliveryMode.AT_LEAST_ONCE, Map.of(), SinkSettings.DEFAULT_OUTAGE_TIMEOUT,
                        SinkSettings.DEFAULT_OFFSETS_TOPIC, SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS, policy),
                new PartitionSettings("hash", Map.of(DOCS, List.of("owner")), NoKeyPolicy.FAIL), "json");
        HashRule hash = new HashRule();
        return new Pipeline(settings, source, sink, offsets, new InMemoryTableMetadata(Map.of(DOCS, DOCS_KEYS)), Map.of(hash.identifier(), hash),
                new JsonMessageFormat(), Duration.ofMillis(10));
    }

    private static Transaction transaction(String id, int position, ChangeEvent... changes) {
        return new Transaction(id, List.of(changes), new SourcePosition("p" + position, "after-" + position));
    }

    private static ChangeEvent doc(long id, long owner, int bodyLength) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("owner", owner);
        values.put("body", "x".repeat(bodyLength));
        return ChangeEvent.insert(DOCS, Row.of(values), Map.of());
    }

    private static String header(OutgoingRecord record, String name) {
        return new String(record.headers().get(name), StandardCharsets.UTF_8);
    }
}
