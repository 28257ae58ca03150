package dev.orderly.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HotKeysTest {

    @Test
    void theMostFrequentKeysComeFirstWithTheirShareOfTheSample() {
        HotKeys keys = new HotKeys(8);
        for (int i = 0; i < 60; i++) {
            keys.offer(bytes("[7]"));
        }
        for (int i = 0; i < 30; i++) {
            keys.offer(bytes("[3]"));
        }
        for (int i = 0; i < 10; i++) {
            keys.offer(bytes("[" + (100 + i) + "]"));
        }

        assertThat(keys.top(2)).containsExactly(new HotKeys.HotKey("[7]", 0.6), new HotKeys.HotKey("[3]", 0.3));
    }

    @Test
    void aHeavyKeyIsFoundAmongFarMoreDistinctKeysThanCounters() {
        HotKeys keys = new HotKeys(4);
        for (int i = 0; i < 10_000; i++) {
            keys.offer(bytes(i % 2 == 0 ? "hot" : "cold-" + i));
        }

        assertThat(keys.top(1).get(0).key()).isEqualTo("hot");
        // Space-Saving over-estimates but never under-estimates.
        assertThat(keys.top(1).get(0).share()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void keysArePrintedAsTextOrHexAndShortened() {
        assertThat(HotKeys.printable(null)).isEqualTo("(none)");
        assertThat(HotKeys.printable(bytes("[42,\"eu\"]"))).isEqualTo("[42,\"eu\"]");
        assertThat(HotKeys.printable(new byte[] {0, 1, (byte) 0xff})).isEqualTo("0x0001ff");
        assertThat(HotKeys.printable(bytes("x".repeat(100)))).hasSize(64).endsWith("…");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
