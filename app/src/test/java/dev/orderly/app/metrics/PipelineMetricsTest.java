package dev.orderly.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.SinkStatistics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final TableId CUSTOMERS = TableId.parse("shop.customers");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry);

    @Test
    void changesAndBytesAreCountedPerTableAndPartition() {
        metrics.started("shop.changes", 4);
        metrics.sent(ORDERS, 1, key("[1]"), 100);
        metrics.sent(ORDERS, 1, key("[1]"), 50);
        metrics.sent(CUSTOMERS, 3, key("[9]"), 10);

        assertThat(registry.get("orderly.changes").tags("table", "shop.orders", "partition", "1").counter().count()).isEqualTo(2);
        assertThat(registry.get("orderly.bytes").tags("table", "shop.orders", "partition", "1").counter().count()).isEqualTo(150);
        assertThat(registry.get("orderly.changes").tags("table", "shop.customers", "partition", "3").counter().count()).isEqualTo(1);
    }

    @Test
    void recordsInFlightAreThoseSentAndNotYetAcknowledged() {
        metrics.started("t", 1);
        for (int i = 0; i < 5; i++) {
            metrics.sent(ORDERS, 0, key("[" + i + "]"), 10);
        }
        metrics.acknowledged(3, System.nanoTime(), System.currentTimeMillis());

        assertThat(registry.get("orderly.records.in.flight").gauge().value()).isEqualTo(2);
        assertThat(registry.get("orderly.read.append.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("orderly.commit.append.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void lagCountsFromTheLastCommitTimestampAndIsZeroOnceCaughtUp() {
        metrics.started("t", 1);
        metrics.read(new SourcePosition("token", "binlog.000001:500"), System.currentTimeMillis() - 5_000);

        assertThat(registry.get("orderly.source.lag").gauge().value()).isBetween(4.5, 30.0);
        assertThat(metrics.snapshot().sourcePosition()).isEqualTo("binlog.000001:500");

        metrics.idle(new SourcePosition("token", "binlog.000001:900"));

        assertThat(registry.get("orderly.source.lag").gauge().value()).isZero();
        assertThat(metrics.snapshot().sourcePosition()).isEqualTo("binlog.000001:900");
    }

    @Test
    void theCommittedPositionAndSeqAreShownAfterRefresh() {
        metrics.committed(new Checkpoint(new SourcePosition("token", "binlog.000002:4"), 42, 1, 0, Map.of()));
        metrics.refresh();

        assertThat(registry.get("orderly.checkpoint.seq").gauge().value()).isEqualTo(42);
        assertThat(registry.get("orderly.checkpoint.position.info").tags("position", "binlog.000002:4").gauge().value()).isEqualTo(1);
    }

    @Test
    void skewIsTheBusiestPartitionOverTheMeanAndHotKeysAreNamedPerPartition() {
        metrics.started("t", 2);
        for (int i = 0; i < 300; i++) {
            metrics.sent(ORDERS, 0, key("[1]"), 10);
        }
        for (int i = 0; i < 100; i++) {
            metrics.sent(ORDERS, 1, key("[" + i + "]"), 10);
        }
        metrics.refresh();

        assertThat(registry.get("orderly.partition.skew").gauge().value()).isEqualTo(1.5);
        assertThat(registry.get("orderly.partition.hot.key.share").tags("partition", "0", "rank", "1", "key", "[1]").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void producerErrorsAndRetriesComeFromTheSink() {
        metrics.bindSink(() -> new SinkStatistics(2, 7));

        assertThat(registry.get("orderly.producer.errors").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("orderly.producer.retries").functionCounter().count()).isEqualTo(7);
    }

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
