package dev.orderly.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderly.app.wiring.Orderly;
import dev.orderly.ports.OutgoingRecord;
import dev.orderly.sandbox.topic.SampleHistory;
import dev.orderly.sandbox.topic.ScriptedTopic;
import dev.orderly.sandbox.workload.WorkloadSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code orderly verify} over a topic in memory ({@link InMemoryTopicReader}) written by the production
 * router and json format ({@link ScriptedTopic}): exit codes, the mode it chooses, text and JSON
 * output, replays and usage errors. The same command against a real broker: {@code VerifyCommandIT}.
 */
class VerifyCommandTest {

    private static final String DB = "shop";
    private static final String TOPIC = "shop.changes";
    private static final int PARTITIONS = 4;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static List<OutgoingRecord> hashTopic() {
        return SampleHistory.writeTo(ScriptedTopic.hash(PARTITIONS, WorkloadSchema.shardingColumns(DB)::get, Orderly.format("json")), DB).records();
    }

    private static List<OutgoingRecord> onePartitionTopic() {
        return SampleHistory.writeTo(ScriptedTopic.onePartition(WorkloadSchema.shardingColumns(DB)::get, Orderly.format("json")), DB).records();
    }

    private int verify(List<OutgoingRecord> records, int partitions, String... options) {
        InMemoryTopicReader reader = new InMemoryTopicReader(TOPIC, partitions, records);
        CommandLine command = new CommandLine(new VerifyCommand(servers -> reader))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return command.execute(Stream.concat(Stream.of("--bootstrap-servers", "127.0.0.1:9092", "--topic", TOPIC), Stream.of(options))
                .toArray(String[]::new));
    }

    private static List<OutgoingRecord> withoutSeq(List<OutgoingRecord> records, long seq) {
        List<OutgoingRecord> kept = new ArrayList<>(records);
        kept.removeIf(record -> seq == ScriptedTopic.seqOf(record));
        return kept;
    }

    @Test
    void aCleanHashTopicPassesWithExitZeroAndSaysWhichModeItChose() {
        int exit = verify(hashTopic(), PARTITIONS);

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains("mode hash (chosen because the topic has more than one partition; pass --mode to choose)")
                .contains("result: PASS - clean: ");
    }

    @Test
    void aCleanOnePartitionTopicIsCheckedInTotalOrder() {
        int exit = verify(onePartitionTopic(), 1);

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("mode one_partition (chosen because the topic has one partition; pass --mode to choose)");
    }

    @Test
    void aSeqGapFailsWithExitOneAndTheOffsetThatShowsIt() {
        List<OutgoingRecord> records = withoutSeq(onePartitionTopic(), 3);

        int exit = verify(records, 1);

        int next = ScriptedTopic.indexOf(records, 4, 0);
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("  O3 at partition 0 offset " + ScriptedTopic.offsetOf(records, next) + ": seq 3 is missing")
                .contains("result: FAIL - 1 violations {O3=1}");
    }

    @Test
    void jsonIsOneDocumentWithASummaryAndEveryViolation() throws Exception {
        List<OutgoingRecord> records = withoutSeq(onePartitionTopic(), 3);

        int exit = verify(records, 1, "--json");

        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).startsWith("{").endsWith("}" + System.lineSeparator());
        assertThat(report.at("/summary/clean").asBoolean()).isFalse();
        assertThat(report.at("/summary/mode").asText()).isEqualTo("one_partition");
        assertThat(report.at("/summary/mode_chosen_by").asText()).isEqualTo("partition-count");
        assertThat(report.at("/summary/delivery").asText()).isEqualTo("at-least-once");
        assertThat(report.at("/summary/violations_by_kind/O3").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/offsets/0/to").asLong()).isEqualTo(records.size());
        assertThat(report.get("violations")).hasSize(1);
        assertThat(report.at("/violations/0/kind").asText()).isEqualTo("O3");
        assertThat(report.at("/violations/0/partition").asInt()).isZero();
        assertThat(report.at("/violations/0/offset").asLong()).isEqualTo(ScriptedTopic.offsetOf(records, ScriptedTopic.indexOf(records, 4, 0)));
        assertThat(report.at("/violations/0/message").asText()).startsWith("seq 3 is missing");
    }

    @Test
    void aReplayedSuffixIsANoticeUnlessTheTopicIsExactlyOnce() {
        List<OutgoingRecord> records = hashTopic();
        int from = ScriptedTopic.indexOf(records, 6, 0);
        records.addAll(records.subList(from, records.size()).stream().filter(record -> ScriptedTopic.seqOf(record) > 0).toList());

        int atLeastOnce = verify(records, PARTITIONS);
        String notices = out.toString();
        int exactlyOnce = verify(records, PARTITIONS, "--exactly-once");

        assertThat(atLeastOnce).as(notices).isZero();
        assertThat(notices).contains("notices (").contains("  replay at partition ");
        assertThat(exactlyOnce).isEqualTo(1);
        assertThat(out.toString()).contains("  DUPLICATE at partition ");
    }

    @Test
    void aRecordTheFormatCannotDecodeIsAViolation() {
        List<OutgoingRecord> records = onePartitionTopic();
        int broken = ScriptedTopic.indexOf(records, 2, 0);
        OutgoingRecord original = records.get(broken);
        records.set(broken, new OutgoingRecord(0, original.key(), "not json".getBytes(StandardCharsets.UTF_8), original.headers()));

        int exit = verify(records, 1, "--mode", "one");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("  UNREADABLE at partition 0 offset " + ScriptedTopic.offsetOf(records, broken)
                + ": cannot decode the record as json: record at partition 0 offset " + ScriptedTopic.offsetOf(records, broken) + " is not json");
    }

    @Test
    void startOffsetsLimitTheRead() {
        List<OutgoingRecord> records = onePartitionTopic();

        int exit = verify(records, 1, "--from-offsets", "0:" + records.size(), "--writer-stopped");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("read 0 records and 0 control records").contains("offsets per partition (from-to): 0:"
                + records.size() + "-" + records.size());
    }

    @Test
    void badUsageExitsTwoWithAMessageThatSaysWhatToFix() {
        assertThat(verify(hashTopic(), PARTITIONS, "--mode", "round_robin")).isEqualTo(2);
        assertThat(err.toString()).contains("--mode must be one_partition (alias one) or hash but got 'round_robin'");

        assertThat(verify(hashTopic(), PARTITIONS, "--from-offsets", "0:12,x")).isEqualTo(2);
        assertThat(err.toString()).contains("--from-offsets must be PARTITION:OFFSET pairs separated by commas").contains("but got 'x'");

        assertThat(verify(hashTopic(), PARTITIONS, "--format", "avro")).isEqualTo(2);
        assertThat(err.toString()).contains("--format: no record format named 'avro'; available: [");

        assertThat(verify(hashTopic(), PARTITIONS, "--from-offsets", "1:1000")).isEqualTo(2);
        assertThat(err.toString()).contains("orderly verify: start offset 1000 of partition 1 is beyond its end");
    }

    @Test
    void aTopicThatDoesNotExistExitsTwo() {
        InMemoryTopicReader reader = new InMemoryTopicReader("other", 1, List.of());
        int exit = new CommandLine(new VerifyCommand(servers -> reader)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--bootstrap-servers", "127.0.0.1:9092", "--topic", TOPIC);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("orderly verify: topic shop.changes does not exist");
    }

    @Test
    void verifyIsASubcommandOfOrderly() {
        int exit = OrderlyCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "verify", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers").contains("--from-offsets").contains("--exactly-once")
                .contains("Exit codes: 0 clean, 1 violations found, 2 invalid usage");
    }
}
