package dev.orderly.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.SchemaChange;
import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.change.Transaction;
import dev.orderly.domain.change.TransactionPart;
import dev.orderly.domain.ordering.KeyEncoding;
import dev.orderly.domain.ordering.KeyHash;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.domain.ordering.UniqueKey;
import dev.orderly.plugin.builtin.HashRule;
import dev.orderly.plugin.builtin.OnePartitionRule;
import dev.orderly.plugin.debezium.DebeziumMessageFormat;
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
import dev.orderly.ports.config.TableRuleSettings;
import dev.orderly.ports.spi.OptionType;
import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOption;
import dev.orderly.ports.spi.RuleOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final TableId AUDIT = TableId.parse("shop.audit");
    private static final TableKeys ORDERS_KEYS = new TableKeys(ORDERS, List.of("id", "customer_id", "amount"), Set.of(), List.of("id"), List.of());
    private static final TableKeys AUDIT_KEYS = new TableKeys(AUDIT, List.of("message"), Set.of("message"), List.of(),
            List.of(new UniqueKey("uk_message", List.of("message"))));

    private final InMemorySource source = new InMemorySource();
    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore(null);

    @Test
    void onePartitionWritesEveryRecordToPartitionZeroWithTransactionMarks() throws Exception {
        InMemorySink sink = new InMemorySink(3);
        PipelineRun run = pipeline(new OnePartitionRule(), sink, List.of(), Map.of(ORDERS, ORDERS_KEYS)).start();

        source.emit(transaction("t1", 1, insert(1, 10), insert(2, 20)));
        source.emit(transaction("t2", 2, update(1, 10, 11)));
        run.stop();

        assertThat(sink.records).as("one_partition needs no watermarks").extracting(OutgoingRecord::partition).containsOnly(0);
        assertThat(sink.records).extracting(record -> header(record, TransactionHeaders.SEQ) + "/" + header(record, TransactionHeaders.INDEX)
                + "/" + header(record, TransactionHeaders.COUNT)).containsExactly("1/0/2", "1/1/2", "2/0/1");
        assertThat(offsets.last()).hasValueSatisfying(checkpoint -> {
            assertThat(checkpoint.seq()).isEqualTo(2);
            assertThat(checkpoint.position().description()).isEqualTo("after-2");
        });
    }

    @Test
    void hashRoutesByShardingKeyAndSplitsAnUpdateThatChangesIt() throws Exception {
        InMemorySink sink = new InMemorySink(8);
        PipelineRun run = pipeline(new HashRule(), sink, List.of("customer_id"), Map.of(ORDERS, ORDERS_KEYS)).start();

        source.emit(transaction("t1", 1, update(7, 10, 11)));
        run.stop();

        assertThat(dataRecords(sink)).hasSize(2);
        OutgoingRecord deleteHalf = sink.records.get(0);
        OutgoingRecord insertHalf = sink.records.get(1);
        assertThat(new String(deleteHalf.key(), StandardCharsets.UTF_8)).isEqualTo("[10]");
        assertThat(deleteHalf.partition()).isEqualTo(KeyHash.partition(KeyEncoding.encode(List.of(10L)), 8));
        assertThat(new String(deleteHalf.value(), StandardCharsets.UTF_8)).contains("\"op\":\"d\"", "\"split\":\"key-change-delete\"");
        assertThat(new String(insertHalf.key(), StandardCharsets.UTF_8)).isEqualTo("[11]");
        assertThat(insertHalf.partition()).isEqualTo(KeyHash.partition(KeyEncoding.encode(List.of(11L)), 8));
        assertThat(new String(insertHalf.value(), StandardCharsets.UTF_8)).contains("\"op\":\"c\"", "\"split\":\"key-change-insert\"");
        assertThat(List.of(header(deleteHalf, TransactionHeaders.INDEX), header(insertHalf, TransactionHeaders.INDEX))).containsExactly("0", "1");
    }

    @Test
    void checkpointNeverPassesATransactionKafkaHasNotAcknowledged() throws Exception {
        InMemorySink sink = new InMemorySink(1);
        sink.autoAcknowledge = false;
        PipelineRun run = pipeline(new OnePartitionRule(), sink, List.of(), Map.of(ORDERS, ORDERS_KEYS)).start();

        source.emit(transaction("t1", 1, insert(1, 10)));
        source.emit(transaction("t2", 2, insert(2, 10)));
        source.emit(transaction("t3", 3, insert(3, 10)));
        sink.acknowledgements.get(0).complete(null);
        sink.acknowledgements.get(2).complete(null);
        source.idle(new SourcePosition("idle", "idle"));

        assertThat(run.progress().acknowledgedSeq()).isEqualTo(1);
        sink.acknowledgements.get(1).complete(null);
        assertThat(run.progress().acknowledgedSeq()).isEqualTo(3);
        run.stop();
        assertThat(offsets.last()).hasValueSatisfying(checkpoint -> assertThat(checkpoint.position().description()).isEqualTo("idle"));
        assertThat(offsets.commits).extracting(Checkpoint::seq).isSorted();
    }

    @Test
    void aFailedSendStopsThePipelineAndKeepsTheLastGoodCheckpoint() throws Exception {
        InMemorySink sink = new InMemorySink(1);
        sink.autoAcknowledge = false;
        PipelineRun run = pipeline(new OnePartitionRule(), sink, List.of(), Map.of(ORDERS, ORDERS_KEYS)).start();

        source.emit(transaction("t1", 1, insert(1, 10)));
        source.emit(transaction("t2", 2, insert(2, 10)));
        sink.acknowledgements.get(0).complete(null);
        sink.acknowledgements.get(1).completeExceptionally(new IllegalStateException("broker gone"));

        assertThatThrownBy(() -> source.emit(transaction("t3", 3, insert(3, 10)))).isInstanceOf(PipelineFailedException.class)
                .hasMessageContaining("broker gone");
        assertThatThrownBy(run::awaitTermination).isInstanceOf(PipelineFailedException.class)
                .hasMessageContaining("broker gone").hasMessageContaining("committed position intact (seq 1 at after-1)");
        assertThat(offsets.last()).hasValueSatisfying(checkpoint -> assertThat(checkpoint.seq()).isEqualTo(1));
    }

    @Test
    void resumingContinuesTheCommitSequenceFromTheCheckpoint() throws Exception {
        InMemoryOffsetStore resumed = new InMemoryOffsetStore(new Checkpoint(new SourcePosition("p", "after-41"), 41, 1));
        InMemorySink sink = new InMemorySink(1);
        PipelineRun run = new Pipeline(settings("one_partition", List.of()), source, sink, resumed,
                new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)), rules(new OnePartitionRule()), new JsonMessageFormat(), Duration.ofMillis(10)).start();

        source.emit(transaction("t42", 42, insert(1, 10)));
        run.stop();

        assertThat(source.startedFrom).hasValueSatisfying(position -> assertThat(position.description()).isEqualTo("after-41"));
        assertThat(header(sink.records.get(0), TransactionHeaders.SEQ)).isEqualTo("42");
    }

    @Test
    void hashModeRefusesToStartForAKeylessTableAndNamesTheTableAndTheFix() {
        TableKeys keyless = new TableKeys(AUDIT, List.of("message"), Set.of("message"), List.of(), List.of());
        Pipeline pipeline = new Pipeline(settingsWith(List.of(ORDERS, AUDIT)), source, new InMemorySink(4), offsets,
                new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS, AUDIT, keyless)), rules(new HashRule()), new JsonMessageFormat(), Duration.ofSeconds(1));

        assertThatThrownBy(pipeline::start).isInstanceOf(PipelineStartException.class)
                .hasMessageContaining("table shop.audit has no sharding key")
                .hasMessageContaining("partition.sharding-columns.shop.audit")
                .hasMessageContaining("partition.no-key");
        assertThat(source.startedFrom).isNull();
    }

    @Test
    void aNullableUniqueKeyIsNoShardingKey() {
        Pipeline pipeline = new Pipeline(settingsWith(List.of(AUDIT)), source, new InMemorySink(4), offsets,
                new InMemoryTableMetadata(Map.of(AUDIT, AUDIT_KEYS)), rules(new HashRule()), new JsonMessageFormat(), Duration.ofSeconds(1));

        assertThatThrownBy(pipeline::start).isInstanceOf(PipelineStartException.class).hasMessageContaining("table shop.audit has no sharding key");
    }

    @Test
    void aMissingTableIsReportedWithTheTablesThatExist() {
        Pipeline pipeline = new Pipeline(settingsWith(List.of(ORDERS, TableId.parse("shop.ordres"))), source, new InMemorySink(4), offsets,
                new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)), rules(new HashRule()), new JsonMessageFormat(), Duration.ofSeconds(1));

        assertThatThrownBy(pipeline::start).isInstanceOf(PipelineStartException.class)
                .hasMessageContaining("table shop.ordres is in source.include but does not exist")
                .hasMessageContaining("[shop.orders]");
    }

    @Test
    void aShardingColumnTheTableLacksIsReported() {
        Pipeline pipeline = pipeline(new HashRule(), new InMemorySink(4), List.of("customer"), Map.of(ORDERS, ORDERS_KEYS));

        assertThatThrownBy(pipeline::start).isInstanceOf(PipelineStartException.class)
                .hasMessageContaining("partition.sharding-columns.shop.orders names column(s) [customer]")
                .hasMessageContaining("[id, customer_id, amount]");
    }

    @Test
    void perTableRulesPlaceEachTableByItsOwnRuleFirstMatchWinning() throws Exception {
        TableKeys audit = new TableKeys(AUDIT, List.of("id", "message"), Set.of(), List.of("id"), List.of());
        PartitionSettings partition = new PartitionSettings("hash", Map.of(), Map.of(), NoKeyPolicy.FAIL, List.of(
                new TableRuleSettings(List.of(AUDIT), "one_partition", Map.of(), List.of()),
                new TableRuleSettings(List.of(AUDIT, ORDERS), "hash", Map.of(), List.of("customer_id"))));
        InMemorySink sink = new InMemorySink(8);
        PipelineRun run = new Pipeline(settings(List.of(ORDERS, AUDIT), partition), source, sink, offsets,
                new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS, AUDIT, audit)), rules(new HashRule(), new OnePartitionRule()),
                new JsonMessageFormat(), Duration.ofMillis(10)).start();

        source.emit(new Transaction("t1", List.of(
                ChangeEvent.insert(AUDIT, Row.of(Map.of("id", 99L, "message", "hello")), Map.of()),
                insert(1, 3)), new SourcePosition("p1", "after-1")));
        run.stop();

        assertThat(sink.records.get(0).partition()).as("audit follows one_partition, the first rule naming it").isZero();
        assertThat(sink.records.get(1).partition()).isEqualTo(KeyHash.partition(KeyEncoding.encode(List.of(3L)), 8));
    }

    @Test
    void aRuleThatReturnsAPartitionOutOfRangeStopsThePipelineNamingTheRuleAndTheValue() throws Exception {
        PartitionRulePort faulty = new PartitionRulePort() {
            @Override
            public String identifier() {
                return "faulty";
            }

            @Override
            public OrderingGuarantee guarantee() {
                return OrderingGuarantee.PER_KEY;
            }

            @Override
            public PartitionRule create(RuleOptions options) {
                return input -> input.partitionCount() + 3;
            }
        };
        PipelineRun run = pipeline(faulty, new InMemorySink(4), List.of(), Map.of(ORDERS, ORDERS_KEYS)).start();

        assertThatThrownBy(() -> source.emit(transaction("t1", 1, insert(1, 10))))
                .hasMessageContaining("partition rule 'faulty' returned partition 7")
                .hasMessageContaining("[0, 4)");
        run.stop();
        assertThat(offsets.commits).isEmpty();
    }

    @Test
    void aRuleThatRefusesItsOptionsStopsTheStartWithItsReason() {
        PartitionRulePort picky = new PartitionRulePort() {
            @Override
            public String identifier() {
                return "picky";
            }

            @Override
            public OrderingGuarantee guarantee() {
                return OrderingGuarantee.PER_TABLE;
            }

            @Override
            public List<RuleOption<?>> requiredOptions() {
                return List.of(RuleOption.required("column", OptionType.STRING, "the column"));
            }

            @Override
            public PartitionRule create(RuleOptions options) {
                return input -> 0;
            }
        };
        Pipeline pipeline = new Pipeline(settings(List.of(ORDERS), new PartitionSettings("picky", Map.of(), NoKeyPolicy.FAIL)), source,
                new InMemorySink(4), offsets, new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)), rules(picky), new JsonMessageFormat(),
                Duration.ofSeconds(1));

        assertThatThrownBy(pipeline::start).isInstanceOf(PipelineStartException.class)
                .hasMessageContaining("partition rule 'picky' refused its options")
                .hasMessageContaining("'column' is required by rule 'picky'");
    }

    @Test
    void hashModeRefusesAChangedPartitionCountAndOffersToAcceptIt() {
        InMemoryOffsetStore routedWithFour = new InMemoryOffsetStore(new Checkpoint(new SourcePosition("p", "after-9"), 9, 4));
        InMemorySink sink = new InMemorySink(8);
        Pipeline pipeline = new Pipeline(settings("hash", List.of()), source, sink, routedWithFour,
                new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)), rules(new HashRule()), new JsonMessageFormat(), Duration.ofSeconds(1));

        assertThatThrownBy(pipeline::start).isInstanceOf(PipelineStartException.class)
                .hasMessageContaining("topic changes has 8 partitions, but the checkpoint's records were routed with 4")
                .hasMessageContaining("--accept-repartition");
        assertThat(source.startedFrom).isNull();
        assertThat(sink.records).isEmpty();
        assertThat(routedWithFour.commits).isEmpty();
    }

    @Test
    void acceptingARepartitionWritesAnEpochMarkerToEveryPartitionBeforeAnyRecord() throws Exception {
        InMemoryOffsetStore routedWithFour = new InMemoryOffsetStore(new Checkpoint(new SourcePosition("p", "after-9"), 9, 4));
        InMemorySink sink = new InMemorySink(8);
        PipelineRun run = new Pipeline(settings("hash", List.of()), source, sink, routedWithFour,
                new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)), rules(new HashRule()), new JsonMessageFormat(), Duration.ofMillis(10))
                .start(true);

        assertThat(sink.records).hasSize(8);
        assertThat(sink.records).extracting(OutgoingRecord::partition).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(sink.records).allSatisfy(marker -> {
            assertThat(header(marker, TransactionHeaders.MARKER)).isEqualTo("epoch");
            assertThat(header(marker, TransactionHeaders.EPOCH)).isEqualTo("1");
            assertThat(new String(marker.value(), StandardCharsets.UTF_8)).isEqualTo("{\"marker\":\"epoch\",\"seq\":9,\"epoch\":1,\"partition_count\":8}");
        });
        assertThat(routedWithFour.commits).first().isEqualTo(new Checkpoint(new SourcePosition("p", "after-9"), 9, 8, 1));

        source.emit(transaction("t10", 10, insert(1, 10)));
        run.stop();
        assertThat(header(sink.records.get(8), TransactionHeaders.SEQ)).isEqualTo("10");
        assertThat(routedWithFour.last()).hasValueSatisfying(checkpoint -> {
            assertThat(checkpoint.epoch()).isEqualTo(1);
            assertThat(checkpoint.partitionCount()).isEqualTo(8);
        });
    }

    @Test
    void onePartitionIgnoresAChangedPartitionCount() throws Exception {
        InMemoryOffsetStore routedWithFour = new InMemoryOffsetStore(new Checkpoint(new SourcePosition("p", "after-9"), 9, 4));
        InMemorySink sink = new InMemorySink(8);
        PipelineRun run = new Pipeline(settings("one_partition", List.of()), source, sink, routedWithFour,
                new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)), rules(new OnePartitionRule()), new JsonMessageFormat(), Duration.ofMillis(10))
                .start();

        source.emit(transaction("t10", 10, insert(1, 10)));
        run.stop();
        assertThat(sink.records).hasSize(1);
        assertThat(routedWithFour.last()).hasValueSatisfying(checkpoint -> assertThat(checkpoint.epoch()).isZero());
    }

    @Test
    void aStreamedTransactionKeepsItsSeqAndIndicesAndIsCheckpointedOnlyAfterItsLastPart() throws Exception {
        InMemorySink sink = new InMemorySink(1);
        PipelineRun run = pipeline(new OnePartitionRule(), sink, List.of(), Map.of(ORDERS, ORDERS_KEYS)).start();

        source.emit(transaction("t1", 1, insert(1, 10)));
        source.emitPart(new TransactionPart("big", List.of(insert(2, 10), insert(3, 10)), true, false, null));
        Thread.sleep(50);
        assertThat(offsets.last()).hasValueSatisfying(checkpoint -> assertThat(checkpoint.seq()).isEqualTo(1));
        source.emitPart(new TransactionPart("big", List.of(insert(4, 10)), false, true, new SourcePosition("p-big", "after-big")));
        run.stop();

        assertThat(sink.records).extracting(record -> header(record, TransactionHeaders.SEQ) + "/" + header(record, TransactionHeaders.INDEX))
                .containsExactly("1/0", "2/0", "2/1", "2/2");
        assertThat(sink.records.get(1).headers()).doesNotContainKey(TransactionHeaders.COUNT);
        assertThat(header(sink.records.get(3), TransactionHeaders.COUNT)).isEqualTo("3");
        assertThat(offsets.last()).hasValueSatisfying(checkpoint -> {
            assertThat(checkpoint.seq()).isEqualTo(2);
            assertThat(checkpoint.position().description()).isEqualTo("after-big");
        });
    }

    @Test
    void hashModeEndsWithAWatermarkInEveryPartitionAfterTheRecordsItCovers() throws Exception {
        InMemorySink sink = new InMemorySink(4);
        PipelineRun run = pipeline(new HashRule(), sink, List.of("customer_id"), Map.of(ORDERS, ORDERS_KEYS)).start();

        source.emit(transaction("t1", 1, insert(1, 10), insert(2, 20)));
        source.emit(transaction("t2", 2, insert(3, 30)));
        run.stop();

        List<OutgoingRecord> watermarks = sink.records.subList(3, sink.records.size());
        assertThat(watermarks).extracting(OutgoingRecord::partition).containsExactly(0, 1, 2, 3);
        assertThat(watermarks).allSatisfy(watermark -> {
            assertThat(header(watermark, TransactionHeaders.MARKER)).isEqualTo("watermark");
            assertThat(header(watermark, TransactionHeaders.WATERMARK)).isEqualTo("2");
            assertThat(watermark.headers()).doesNotContainKey(TransactionHeaders.SEQ);
        });
    }

    @Test
    void aWatermarkStaysBelowATransactionWhosePartsAreStillBeingWritten() throws Exception {
        InMemorySink sink = new InMemorySink(4);
        PipelineRun run = new Pipeline(withWatermarkInterval(settings("hash", List.of("customer_id")), Duration.ofMillis(10)), source, sink, offsets,
                new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)), rules(new HashRule()), new JsonMessageFormat(), Duration.ofMillis(10)).start();

        source.emit(transaction("t1", 1, insert(1, 10)));
        source.emitPart(new TransactionPart("big", List.of(insert(2, 10), insert(3, 20)), true, false, null));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (markers(sink).size() < 8 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<OutgoingRecord> whileStreaming = markers(sink);
        source.emitPart(new TransactionPart("big", List.of(insert(4, 30)), false, true, new SourcePosition("p-big", "after-big")));
        run.stop();

        assertThat(whileStreaming).hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(watermark -> assertThat(header(watermark, TransactionHeaders.WATERMARK)).isEqualTo("1"));
        List<OutgoingRecord> all = markers(sink);
        assertThat(all.subList(all.size() - 4, all.size()))
                .allSatisfy(watermark -> assertThat(header(watermark, TransactionHeaders.WATERMARK)).isEqualTo("2"));
    }

    @Test
    void hashModeBroadcastsASchemaChangeWithItsOwnSeqAndLaterRowsCarryItsVersion() throws Exception {
        InMemorySink sink = new InMemorySink(4);
        PipelineRun run = pipeline(new HashRule(), sink, List.of("customer_id"), Map.of(ORDERS, ORDERS_KEYS)).start();

        source.emit(transaction("t1", 1, insert(1, 10)));
        source.emitSchemaChange(alterOrders(), new SourcePosition("p-ddl", "after-ddl"));
        source.emit(transaction("t3", 3, insert(2, 20)));
        run.stop();

        assertThat(sink.records.get(0).headers()).doesNotContainKey(TransactionHeaders.SCHEMA_VERSION);
        List<OutgoingRecord> barrier = sink.records.subList(1, 5);
        assertThat(barrier).extracting(OutgoingRecord::partition).containsExactly(0, 1, 2, 3);
        assertThat(barrier).allSatisfy(copy -> {
            assertThat(header(copy, TransactionHeaders.MARKER)).isEqualTo("ddl");
            assertThat(header(copy, TransactionHeaders.SEQ) + "/" + header(copy, TransactionHeaders.INDEX) + "/" + header(copy, TransactionHeaders.COUNT))
                    .isEqualTo("2/0/1");
            assertThat(header(copy, TransactionHeaders.SCHEMA_VERSION)).isEqualTo("2");
            assertThat(header(copy, TransactionHeaders.DDL_TABLES)).isEqualTo("shop.orders");
            assertThat(new String(copy.value(), StandardCharsets.UTF_8)).contains("\"op\":\"ddl\"", "ALTER TABLE orders ADD note TEXT");
        });
        OutgoingRecord after = sink.records.get(5);
        assertThat(header(after, TransactionHeaders.SEQ)).isEqualTo("3");
        assertThat(header(after, TransactionHeaders.SCHEMA_VERSION)).isEqualTo("2");
        assertThat(new String(after.value(), StandardCharsets.UTF_8)).contains("\"schema_version\":2");
        assertThat(offsets.last()).hasValueSatisfying(checkpoint -> assertThat(checkpoint.schemaVersions()).containsEntry(ORDERS, 2L));
    }

    @Test
    void onePartitionWritesASchemaChangeInPlaceInPartitionZero() throws Exception {
        InMemorySink sink = new InMemorySink(1);
        PipelineRun run = pipeline(new OnePartitionRule(), sink, List.of(), Map.of(ORDERS, ORDERS_KEYS)).start();

        source.emit(transaction("t1", 1, insert(1, 10)));
        source.emitSchemaChange(alterOrders(), new SourcePosition("p-ddl", "after-ddl"));
        source.emit(transaction("t3", 3, insert(2, 20)));
        run.stop();

        assertThat(sink.records).extracting(record -> record.partition() + ":" + header(record, TransactionHeaders.SEQ))
                .containsExactly("0:1", "0:2", "0:3");
        assertThat(header(sink.records.get(1), TransactionHeaders.MARKER)).isEqualTo("ddl");
    }

    @Test
    void aResumedPipelineKeepsTheSchemaVersionsOfItsCheckpoint() throws Exception {
        InMemoryOffsetStore resumed = new InMemoryOffsetStore(new Checkpoint(new SourcePosition("p", "after-41"), 41, 1, 0, Map.of(ORDERS, 40L)));
        InMemorySink sink = new InMemorySink(1);
        PipelineRun run = new Pipeline(settings("one_partition", List.of()), source, sink, resumed,
                new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)), rules(new OnePartitionRule()), new JsonMessageFormat(), Duration.ofMillis(10)).start();

        source.emit(transaction("t42", 42, insert(1, 10)));
        run.stop();

        assertThat(header(sink.records.get(0), TransactionHeaders.SCHEMA_VERSION)).isEqualTo("40");
        assertThat(resumed.last()).hasValueSatisfying(checkpoint -> assertThat(checkpoint.schemaVersions()).containsEntry(ORDERS, 40L));
    }

    @Test
    void theDebeziumFormatGetsAPrimaryKeyChangeAsADeleteThenACreateEvenInOnePartition() throws Exception {
        InMemorySink sink = new InMemorySink(1);
        PipelineRun run = new Pipeline(settings("one_partition", List.of()), source, sink, offsets, new InMemoryTableMetadata(Map.of(ORDERS, ORDERS_KEYS)),
                rules(new OnePartitionRule()), new DebeziumMessageFormat(), Duration.ofMillis(10)).start();

        source.emit(transaction("t1", 1, ChangeEvent.update(ORDERS, row(7, 10), row(8, 10), Map.of())));
        run.stop();

        assertThat(sink.records).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .satisfiesExactly(delete -> assertThat(delete).contains("\"op\":\"d\""), create -> assertThat(create).contains("\"op\":\"c\""));
        assertThat(sink.records).extracting(OutgoingRecord::partition).containsExactly(0, 0);
    }

    private static SchemaChange alterOrders() {
        return new SchemaChange("ddl-1", "shop", List.of(ORDERS), "ALTER TABLE orders ADD note TEXT", Map.of("file", "mysql-bin.000001", "pos", 4L));
    }

    private static List<OutgoingRecord> dataRecords(InMemorySink sink) {
        return sink.records.stream().filter(record -> !record.headers().containsKey(TransactionHeaders.MARKER)).toList();
    }

    private static List<OutgoingRecord> markers(InMemorySink sink) {
        synchronized (sink) {
            return sink.records.stream().filter(record -> "watermark".equals(headerOrNull(record, TransactionHeaders.MARKER))).toList();
        }
    }

    private static OrderlySettings withWatermarkInterval(OrderlySettings settings, Duration interval) {
        return new OrderlySettings(settings.name(), settings.stateDirectory(), settings.source(), settings.sink(), settings.partition(),
                settings.format(), settings.pluginDirectory(), interval);
    }

    private static OrderlySettings settings(List<TableId> include, PartitionSettings partition) {
        return new OrderlySettings("test", Path.of("/tmp/unused"),
                new SourceSettings(SourceType.MYSQL, "127.0.0.1", 3306, "cdc", "secret", 1, include, Map.of()),
                new SinkSettings("127.0.0.1:9092", "changes", 8, DeliveryMode.AT_LEAST_ONCE, Map.of()), partition, "json");
    }

    private Pipeline pipeline(PartitionRulePort rule, InMemorySink sink, List<String> ordersShardingColumns, Map<TableId, TableKeys> tables) {
        return new Pipeline(settings(rule.identifier(), ordersShardingColumns), source, sink, offsets, new InMemoryTableMetadata(tables), rules(rule),
                new JsonMessageFormat(), Duration.ofMillis(10));
    }

    private static Map<String, PartitionRulePort> rules(PartitionRulePort... rules) {
        Map<String, PartitionRulePort> byIdentifier = new java.util.HashMap<>();
        for (PartitionRulePort rule : rules) {
            byIdentifier.put(rule.identifier(), rule);
        }
        return byIdentifier;
    }

    private static OrderlySettings settings(String mode, List<String> ordersShardingColumns) {
        return new OrderlySettings("test", Path.of("/tmp/unused"),
                new SourceSettings(SourceType.MYSQL, "127.0.0.1", 3306, "cdc", "secret", 1, List.of(ORDERS), Map.of()),
                new SinkSettings("127.0.0.1:9092", "changes", 1, DeliveryMode.AT_LEAST_ONCE, Map.of()),
                new PartitionSettings(mode, ordersShardingColumns.isEmpty() ? Map.of() : Map.of(ORDERS, ordersShardingColumns), NoKeyPolicy.FAIL),
                "json");
    }

    private static OrderlySettings settingsWith(List<TableId> include) {
        return new OrderlySettings("test", Path.of("/tmp/unused"),
                new SourceSettings(SourceType.MYSQL, "127.0.0.1", 3306, "cdc", "secret", 1, include, Map.of()),
                new SinkSettings("127.0.0.1:9092", "changes", 4, DeliveryMode.AT_LEAST_ONCE, Map.of()),
                new PartitionSettings("hash", Map.of(), NoKeyPolicy.FAIL), "json");
    }

    private static Transaction transaction(String id, int position, ChangeEvent... changes) {
        return new Transaction(id, List.of(changes), new SourcePosition("p" + position, "after-" + position));
    }

    private static ChangeEvent insert(long id, long customer) {
        return ChangeEvent.insert(ORDERS, row(id, customer), Map.of());
    }

    private static ChangeEvent update(long id, long customerBefore, long customerAfter) {
        return ChangeEvent.update(ORDERS, row(id, customerBefore), row(id, customerAfter), Map.of());
    }

    private static Row row(long id, long customer) {
        return Row.of(Map.of("id", id, "customer_id", customer, "amount", 5L));
    }

    private static String headerOrNull(OutgoingRecord record, String name) {
        byte[] value = record.headers().get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static String header(OutgoingRecord record, String name) {
        return new String(record.headers().get(name), StandardCharsets.UTF_8);
    }
}
