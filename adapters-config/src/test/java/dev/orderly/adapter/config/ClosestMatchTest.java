package dev.orderly.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestMatchTest {

    private static final List<String> SINK_KEYS = List.of("bootstrap-servers", "delivery", "partitions", "producer", "topic");

    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(ClosestMatch.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(ClosestMatch.distance("", "abc")).isEqualTo(3);
        assertThat(ClosestMatch.distance("same", "same")).isZero();
        assertThat(ClosestMatch.distance("hots", "host")).isEqualTo(1);
    }

    @Test
    void nearMissesFindTheirKey() {
        assertThat(ClosestMatch.among("bootstrap-server", SINK_KEYS)).contains("bootstrap-servers");
        assertThat(ClosestMatch.among("bootstrapServers", SINK_KEYS)).contains("bootstrap-servers");
        assertThat(ClosestMatch.among("Topic", SINK_KEYS)).contains("topic");
        assertThat(ClosestMatch.among("partition", SINK_KEYS)).contains("partitions");
    }

    @Test
    void farOffWordsFindNothing() {
        assertThat(ClosestMatch.among("compression", SINK_KEYS)).isEmpty();
        assertThat(ClosestMatch.among("tpc", SINK_KEYS)).isEmpty();
    }
}
