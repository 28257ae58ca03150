package dev.orderly.adapter.kafka;

import dev.orderly.ports.SinkStatistics;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** Reads the failed and retried record sends from a producer's own metrics. */
final class ProducerStatistics {

    private static final String GROUP = "producer-metrics";

    private ProducerStatistics() {
    }

    static SinkStatistics of(Producer<?, ?> producer) {
        double errors = 0;
        double retries = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : producer.metrics().entrySet()) {
            if (!GROUP.equals(metric.getKey().group())) {
                continue;
            }
            switch (metric.getKey().name()) {
                case "record-error-total" -> errors = value(metric.getValue());
                case "record-retry-total" -> retries = value(metric.getValue());
                default -> {
                }
            }
        }
        return new SinkStatistics(errors, retries);
    }

    private static double value(Metric metric) {
        return metric.metricValue() instanceof Number number ? number.doubleValue() : 0;
    }
}
