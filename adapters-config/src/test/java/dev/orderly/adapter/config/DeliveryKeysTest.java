package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.SinkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sink.outage-timeout}, {@code sink.offsets-topic} and {@code sink.max-transaction-records}. */
class DeliveryKeysTest {

    private static final String OUTAGE_ALLOWED = "a duration: a whole number and a unit (ms, s, m or h), from 1ms to 24h (default 2m)";
    private static final String OFFSETS_ALLOWED = "a Kafka topic name other than sink.topic: 1 to 249 letters, digits, '.', '_' or '-',"
            + " other than '.' and '..' (default orderly-offsets)";

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private SinkSettings sinkWith(String lines) {
        return fixture.load(ConfigFixture.VALID.replace("topic: shop.changes", "topic: shop.changes\n" + lines.stripTrailing())).sink();
    }

    private List<ConfigProblem> problemsWith(String lines) {
        return fixture.problems(ConfigFixture.VALID.replace("topic: shop.changes", "topic: shop.changes\n" + lines.stripTrailing()));
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "2m, PT2M", "1h, PT1H", "'90 s', PT1M30S", "24h, PT24H"})
    void outageTimeoutTakesAWholeNumberAndAUnit(String written, Duration expected) {
        assertThat(sinkWith("  outage-timeout: " + written).outageTimeout()).isEqualTo(expected);
    }

    @Test
    void outageTimeoutMayComeFromTheEnvironment() {
        SinkSettings sink = fixture.load(ConfigFixture.VALID.replace("topic: shop.changes", "topic: shop.changes\n  outage-timeout: ${OUTAGE}"),
                Map.of("ORDERLY_SOURCE_PASSWORD", "x", "OUTAGE", "45s"), TestingConfigContext.builtIns()).sink();

        assertThat(sink.outageTimeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void outageTimeoutWithoutAUnitIsRefusedRatherThanGuessed() {
        assertThat(problemsWith("  outage-timeout: 30")).containsExactly(new ConfigProblem("sink.outage-timeout", "30", OUTAGE_ALLOWED,
                "add a unit, e.g. 30s for seconds (ms, s, m or h)"));
    }

    @ParameterizedTest
    @CsvSource({
            "30sec, \"30sec\", 'write 30s (the units are ms, s, m or h)'",
            "2 minutes, \"2 minutes\", 'write 2m (the units are ms, s, m or h)'",
            "5S, \"5S\", 'write 5s (the units are ms, s, m or h)'",
            "1d, \"1d\", 'write 24h (the units are ms, s, m or h)'",
            "1.5m, \"1.5m\", 'write a whole number of a smaller unit: 90s'",
            "0.25s, \"0.25s\", 'write a whole number of a smaller unit: 250ms'",
            "soon, \"soon\", 'write a whole number followed by ms, s, m or h, e.g. 30s, 2m or 500ms'",
            "30w, \"30w\", 'write a whole number followed by ms, s, m or h, e.g. 30s, 2m or 500ms'"})
    void otherSpellingsOfADurationAreRefusedWithTheirWrittenForm(String written, String found, String fix) {
        assertThat(problemsWith("  outage-timeout: " + written)).containsExactly(new ConfigProblem("sink.outage-timeout", found, OUTAGE_ALLOWED, fix));
    }

    @Test
    void outageTimeoutMustBePositive() {
        assertThat(problemsWith("  outage-timeout: 0s")).containsExactly(new ConfigProblem("sink.outage-timeout", "\"0s\"", OUTAGE_ALLOWED,
                "write a duration greater than 0, e.g. 30s"));
        assertThat(problemsWith("  outage-timeout: -5s")).containsExactly(new ConfigProblem("sink.outage-timeout", "\"-5s\"", OUTAGE_ALLOWED,
                "write a duration greater than 0, e.g. 30s"));
    }

    @Test
    void outageTimeoutAboveADayIsRefused() {
        assertThat(problemsWith("  outage-timeout: 25h")).containsExactly(new ConfigProblem("sink.outage-timeout", "\"25h\"", OUTAGE_ALLOWED,
                "write a duration from 1ms to 24h"));
        assertThat(problemsWith("  outage-timeout: 99999999999999999999s")).extracting(ConfigProblem::fix)
                .containsExactly("write a duration from 1ms to 24h");
    }

    @Test
    void offsetsTopicIsALegalKafkaTopicName() {
        assertThat(sinkWith("  offsets-topic: billing_offsets.v2").offsetsTopic()).isEqualTo("billing_offsets.v2");
        assertThat(problemsWith("  offsets-topic: orderly offsets/x")).containsExactly(new ConfigProblem("sink.offsets-topic",
                "\"orderly offsets/x\"", OFFSETS_ALLOWED, "replace the characters Kafka does not allow in a topic name: ' ', '/'"));
        assertThat(problemsWith("  offsets-topic: ..")).extracting(ConfigProblem::fix)
                .containsExactly("choose another name; Kafka does not allow '.' or '..'");
        assertThat(problemsWith("  offsets-topic: \"" + "o".repeat(250) + "\"")).extracting(ConfigProblem::fix)
                .containsExactly("shorten it to at most 249 characters (it has 250)");
    }

    @Test
    void offsetsTopicMustNotBeTheRecordsTopic() {
        assertThat(problemsWith("  offsets-topic: shop.changes")).containsExactly(new ConfigProblem("sink.offsets-topic", "\"shop.changes\"",
                OFFSETS_ALLOWED, "choose a topic of its own, e.g. offsets-topic: orderly-offsets; checkpoint records must not mix with the change"
                        + " records of sink.topic"));
    }

    @Test
    void emptyOffsetsTopicIsRefused() {
        assertThat(problemsWith("  offsets-topic: \"\"")).containsExactly(new ConfigProblem("sink.offsets-topic", "\"\"", OFFSETS_ALLOWED,
                "write a value; it must not be empty"));
    }

    @Test
    void maxTransactionRecordsIsAPositiveInteger() {
        assertThat(sinkWith("  max-transaction-records: 1").maxTransactionRecords()).isEqualTo(1);
        assertThat(problemsWith("  max-transaction-records: 0")).containsExactly(new ConfigProblem("sink.max-transaction-records", "0",
                "an integer of at least 1 (default 100000)", "write a whole number of at least 1"));
        assertThat(problemsWith("  max-transaction-records: 1e3")).extracting(ConfigProblem::path).containsExactly("sink.max-transaction-records");
        assertThat(problemsWith("  max-transaction-records: 3000000000")).extracting(ConfigProblem::fix)
                .containsExactly("write a whole number of at least 1");
    }

    @Test
    void everyProblemOfTheNewKeysIsReportedInOnePass() {
        List<ConfigProblem> problems = problemsWith("""
                  outage-timeout: 30
                  offsets-topic: shop.changes
                  max-transaction-records: -1
                """);

        assertThat(problems).extracting(ConfigProblem::path)
                .containsExactly("sink.outage-timeout", "sink.offsets-topic", "sink.max-transaction-records");
    }

    @Test
    void durationsAreWrittenInTheirLargestWholeUnit() {
        assertThat(DurationText.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ofHours(24))).isEqualTo("24h");
    }
}
