package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.OrderlySettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watermark.interval}. */
class WatermarkKeysTest {

    private static final String INTERVAL_ALLOWED = "a duration: a whole number and a unit (ms, s, m or h), from 10ms to 1h (default 1s)";

    @TempDir
    Path directory;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    @Test
    void theWatermarkIntervalIsOneSecondUnlessWritten() {
        assertThat(fixture.load(ConfigFixture.VALID).watermarkInterval()).isEqualTo(OrderlySettings.DEFAULT_WATERMARK_INTERVAL);
        assertThat(fixture.load(ConfigFixture.VALID + "watermark:\n  interval: 250ms\n").watermarkInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aWatermarkIntervalOutOfRangeIsRefusedWithWhatIsAllowed() {
        assertThat(fixture.problems(ConfigFixture.VALID + "watermark:\n  interval: 2h\n"))
                .containsExactly(new ConfigProblem("watermark.interval", "\"2h\"", INTERVAL_ALLOWED, "write a duration from 10ms to 1h"));
    }

    @Test
    void anUnknownWatermarkKeyIsNamedBesideTheSupportedOne() {
        assertThat(fixture.problems(ConfigFixture.VALID + "watermark:\n  intervall: 1s\n")).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("watermark.intervall");
                    assertThat(problem.fix()).contains("interval");
                });
    }
}
