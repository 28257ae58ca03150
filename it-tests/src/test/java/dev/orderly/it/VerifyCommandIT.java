package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderly.app.cli.OrderlyCommand;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.ports.RecordHeaders;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.topic.SampleHistory;
import dev.orderly.sandbox.topic.ScriptedTopic;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code orderly verify} against a real broker: topics written with a plain idempotent producer, each
 * record as orderly writes it ({@link ScriptedTopic}: the production router, the json format and the
 * orderly headers), one clean and others with a planted fault. Each fault must be reported with the
 * partition and offset of the record that shows it, with exit code 1; a clean topic exits 0.
 */
@ExtendWith(RealServers.class)
class VerifyCommandIT {

    private static final String DB = "shop";
    private static final int PARTITIONS = 4;

    /** The output and exit code of one {@code orderly verify} run. */
    private record Run(int exit, String out, String err) {

        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }

        String describe() {
            return "exit " + exit + "\n" + out + err;
        }
    }

    private static List<OutgoingRecord> hashHistory() {
        return SampleHistory.writeTo(ScriptedTopic.hash(PARTITIONS, WorkloadSchema.shardingColumns(DB)::get, Orderly.format("json")), DB).records();
    }

    private static List<OutgoingRecord> onePartitionHistory() {
        return SampleHistory.writeTo(ScriptedTopic.onePartition(WorkloadSchema.shardingColumns(DB)::get, Orderly.format("json")), DB).records();
    }

    private static Run verify(EmbeddedKafka kafka, String topic, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = OrderlyCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                Stream.concat(Stream.of("verify", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic), Stream.of(options))
                        .toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Creates {@code topic} and sends {@code records} in order with an idempotent producer, so each gets {@link ScriptedTopic#offsetOf}. */
    private static void write(EmbeddedKafka kafka, String topic, int partitions, List<OutgoingRecord> records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(1, TimeUnit.MINUTES);
        }
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (OutgoingRecord record : records) {
                ProducerRecord<byte[], byte[]> sent = new ProducerRecord<>(topic, record.partition(), record.key(), record.value());
                record.headers().forEach((name, value) -> sent.headers().add(name, value));
                producer.send(sent);
            }
            producer.flush();
        }
    }

    private static String at(List<OutgoingRecord> records, int index) {
        return "at partition " + records.get(index).partition() + " offset " + ScriptedTopic.offsetOf(records, index);
    }

    @Test
    void aCleanTopicExitsZeroInEitherMode(EmbeddedKafka kafka) throws Exception {
        write(kafka, "verify-clean-hash", PARTITIONS, hashHistory());
        write(kafka, "verify-clean-one", 1, onePartitionHistory());

        Run hash = verify(kafka, "verify-clean-hash", "--writer-stopped");
        Run one = verify(kafka, "verify-clean-one", "--writer-stopped");
        Run json = verify(kafka, "verify-clean-hash", "--json");

        assertThat(hash.exit()).as(hash.describe()).isZero();
        assertThat(hash.out()).contains("mode hash (chosen because the topic has more than one partition").contains("result: PASS");
        assertThat(one.exit()).as(one.describe()).isZero();
        assertThat(one.out()).contains("mode one_partition (chosen because the topic has one partition");
        assertThat(json.exit()).as(json.describe()).isZero();
        assertThat(json.json().at("/summary/clean").asBoolean()).isTrue();
        assertThat(json.json().at("/summary/records").asLong())
                .isEqualTo(hashHistory().stream().filter(record -> !RecordHeaders.isControl(record.headers())).count());
        assertThat(json.json().at("/summary/control_records").asLong()).isEqualTo(3L * PARTITIONS);
        assertThat(json.json().get("violations")).isEmpty();
    }

    @Test
    void aReorderedRecordIsReportedWhereItStands(EmbeddedKafka kafka) throws Exception {
        List<OutgoingRecord> records = onePartitionHistory();
        int second = ScriptedTopic.indexOf(records, 2, 0);
        int third = ScriptedTopic.indexOf(records, 3, 1);
        records.add(third, records.remove(second));
        write(kafka, "verify-reordered", 1, records);

        Run run = verify(kafka, "verify-reordered");

        int moved = ScriptedTopic.indexOf(records, 2, 0);
        assertThat(run.exit()).as(run.describe()).isEqualTo(1);
        assertThat(run.out()).contains("  O3 " + at(records, moved) + ": seq 2 (id 'gtid:2') starts at offset " + ScriptedTopic.offsetOf(records, moved)
                + ", after seq 3 started at offset " + ScriptedTopic.offsetOf(records, ScriptedTopic.indexOf(records, 3, 0)));
    }

    @Test
    void aTornTransactionIsReportedAtTheRecordAfterTheGap(EmbeddedKafka kafka) throws Exception {
        List<OutgoingRecord> records = hashHistory();
        records.remove(ScriptedTopic.indexOf(records, 3, 1));
        write(kafka, "verify-torn", PARTITIONS, records);

        Run run = verify(kafka, "verify-torn", "--json");

        int kept = ScriptedTopic.indexOf(records, 3, 0);
        JsonNode violation = run.json().at("/violations/0");
        assertThat(run.exit()).as(run.describe()).isEqualTo(1);
        assertThat(run.json().get("violations")).hasSize(1);
        assertThat(violation.get("kind").asText()).isEqualTo("H4");
        assertThat(violation.get("partition").asInt()).isEqualTo(records.get(kept).partition());
        assertThat(violation.get("offset").asLong()).isEqualTo(ScriptedTopic.offsetOf(records, kept));
        assertThat(violation.get("message").asText()).isEqualTo("transaction seq 3 (id 'gtid:3') has 1 of its 2 records; missing index(es) [1];"
                + " the transaction is torn, although watermark 8 at partition 0 offset "
                + ScriptedTopic.offsetOf(records, ScriptedTopic.indexOfWatermark(records, 0, 8)) + " says it is complete");
    }

    @Test
    void aSeqGapIsReportedAtTheTransactionAfterIt(EmbeddedKafka kafka) throws Exception {
        List<OutgoingRecord> records = onePartitionHistory();
        records.remove(ScriptedTopic.indexOf(records, 7, 0));
        write(kafka, "verify-gap", 1, records);

        Run run = verify(kafka, "verify-gap");

        assertThat(run.exit()).as(run.describe()).isEqualTo(1);
        assertThat(run.out()).contains("  O3 " + at(records, ScriptedTopic.indexOf(records, 8, 0)) + ": seq 7 is missing: transaction seq 6"
                + " (id 'gtid:6') (" + at(records, ScriptedTopic.indexOf(records, 6, 0)) + ") is followed by transaction seq 8 (id 'gtid:8')");
    }

    @Test
    void aReplayedSuffixIsAReplayNotAReorderingAndAViolationOnlyExactlyOnce(EmbeddedKafka kafka) throws Exception {
        List<OutgoingRecord> records = hashHistory();
        int from = ScriptedTopic.indexOf(records, 6, 0);
        List<OutgoingRecord> replay = records.subList(from, records.size()).stream().filter(record -> ScriptedTopic.seqOf(record) > 0).toList();
        int firstReplayed = records.size();
        records.addAll(replay);
        write(kafka, "verify-replay", PARTITIONS, records);

        Run atLeastOnce = verify(kafka, "verify-replay", "--json");
        Run exactlyOnce = verify(kafka, "verify-replay", "--json", "--exactly-once");

        OutgoingRecord first = records.get(firstReplayed);
        assertThat(atLeastOnce.exit()).as(atLeastOnce.describe()).isZero();
        assertThat(atLeastOnce.json().get("violations")).isEmpty();
        assertThat(atLeastOnce.json().at("/summary/replayed_records").asLong()).isEqualTo(replay.size());
        assertThat(atLeastOnce.json().get("notices")).extracting(notice -> notice.get("kind").asText()).containsOnly("replay");
        assertThat(atLeastOnce.json().get("notices")).anySatisfy(notice -> {
            assertThat(notice.get("partition").asInt()).isEqualTo(first.partition());
            assertThat(notice.get("offset").asLong()).isEqualTo(ScriptedTopic.offsetOf(records, firstReplayed));
            assertThat(notice.get("message").asText()).startsWith("replayed suffix: the ");
        });
        assertThat(exactlyOnce.exit()).as(exactlyOnce.describe()).isEqualTo(1);
        assertThat(exactlyOnce.json().at("/summary/violations_by_kind").size()).isEqualTo(1);
        assertThat(exactlyOnce.json().at("/summary/violations_by_kind/DUPLICATE").asInt()).isEqualTo(replay.size());
        assertThat(exactlyOnce.json().get("violations")).anySatisfy(violation -> {
            assertThat(violation.get("partition").asInt()).isEqualTo(first.partition());
            assertThat(violation.get("offset").asLong()).isEqualTo(ScriptedTopic.offsetOf(records, firstReplayed));
        });
    }

    @Test
    void aRecordAfterAWatermarkThatCoversItIsReported(EmbeddedKafka kafka) throws Exception {
        List<OutgoingRecord> records = hashHistory();
        OutgoingRecord late = records.remove(ScriptedTopic.indexOf(records, 3, 1));
        records.add(ScriptedTopic.indexOfWatermark(records, late.partition(), 3) + 1, late);
        write(kafka, "verify-watermark", PARTITIONS, records);

        Run run = verify(kafka, "verify-watermark");

        int moved = ScriptedTopic.indexOf(records, 3, 1);
        assertThat(run.exit()).as(run.describe()).isEqualTo(1);
        assertThat(run.out()).contains("  H5 " + at(records, moved) + ": seq 3 index 1 (id 'gtid:3') at offset " + ScriptedTopic.offsetOf(records, moved)
                + " comes after watermark 3 at offset " + ScriptedTopic.offsetOf(records, ScriptedTopic.indexOfWatermark(records, late.partition(), 3)));
    }

    @Test
    void startOffsetsLimitTheReadAndAnOffsetBeyondTheEndExitsTwo(EmbeddedKafka kafka) throws Exception {
        List<OutgoingRecord> records = onePartitionHistory();
        write(kafka, "verify-from-offsets", 1, records);
        long sixth = ScriptedTopic.offsetOf(records, ScriptedTopic.indexOf(records, 6, 0));

        Run run = verify(kafka, "verify-from-offsets", "--json", "--writer-stopped", "--from-offsets", "0:" + sixth);
        Run beyond = verify(kafka, "verify-from-offsets", "--from-offsets", "0:" + (records.size() + 1));

        assertThat(run.exit()).as(run.describe()).isZero();
        assertThat(run.json().at("/summary/offsets/0/from").asLong()).isEqualTo(sixth);
        assertThat(run.json().at("/summary/offsets/0/to").asLong()).isEqualTo(records.size());
        assertThat(run.json().at("/summary/transactions").asLong()).isEqualTo(3);
        assertThat(beyond.exit()).as(beyond.describe()).isEqualTo(2);
        assertThat(beyond.err()).contains("start offset " + (records.size() + 1) + " of partition 0 of topic verify-from-offsets is outside its"
                + " offsets 0 to " + records.size());
    }

    @Test
    void aTopicThatDoesNotExistExitsTwo(EmbeddedKafka kafka) {
        Run run = verify(kafka, "verify-no-such-topic");

        assertThat(run.exit()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("topic verify-no-such-topic does not exist at " + kafka.bootstrapServers());
    }
}
