package dev.orderly.adapter.kafka;

import dev.orderly.ports.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * D3: refuses raw producer settings that could reorder or lose records of a partition, settings
 * orderly owns, the timeouts it derives from {@code sink.outage-timeout}, and the security settings
 * it derives from {@code sink.tls} and {@code sink.sasl}. Each problem says why the setting is refused.
 */
public final class ProducerSettingsGuard {

    /** Where raw producer settings live in config.yaml. */
    public static final String PREFIX = "sink.producer.";

    static final int MAX_IN_FLIGHT = 5;

    /** Settings orderly sets itself; a user value would break the format, the routing or the ordering. */
    private static final Set<String> OWNED = Set.of("key.serializer", "value.serializer", "partitioner.class", "transactional.id", "bootstrap.servers");
    /** Settings orderly derives from {@code sink.outage-timeout}, so that one key says how long Kafka may be away. */
    private static final Set<String> FROM_OUTAGE_TIMEOUT = Set.of("delivery.timeout.ms", "max.block.ms");

    private ProducerSettingsGuard() {
    }

    public static List<ConfigProblem> problems(Map<String, String> settings) {
        List<ConfigProblem> problems = new ArrayList<>();
        settings.forEach((key, value) -> {
            String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            switch (key) {
                case "enable.idempotence" -> {
                    if (!normalized.equals("true")) {
                        problems.add(new ConfigProblem(PREFIX + key, "'" + value + "'", "true",
                                "remove it: without idempotence a retried batch can land after a later one and reorder the partition (D3)"));
                    }
                }
                case "max.in.flight.requests.per.connection" -> {
                    if (!isIntInRange(normalized, 1, MAX_IN_FLIGHT)) {
                        problems.add(new ConfigProblem(PREFIX + key, "'" + value + "'", "an integer from 1 to " + MAX_IN_FLIGHT,
                                "use at most " + MAX_IN_FLIGHT + ": the idempotent producer keeps order only with up to "
                                        + MAX_IN_FLIGHT + " requests in flight per connection (D3)"));
                    }
                }
                case "acks" -> {
                    if (!normalized.equals("all") && !normalized.equals("-1")) {
                        problems.add(new ConfigProblem(PREFIX + key, "'" + value + "'", "all",
                                "remove it: with acks other than all, idempotence is off and an acknowledged record can be lost when a leader fails"));
                    }
                }
                case "retries" -> {
                    if (normalized.equals("0")) {
                        problems.add(new ConfigProblem(PREFIX + key, "'" + value + "'", "at least 1 (default: unlimited within delivery.timeout.ms)",
                                "remove it: without retries a transient broker error stops the pipeline"));
                    }
                }
                default -> {
                    if (isSecuritySetting(key)) {
                        String section = key.startsWith("sasl.") ? "sink.sasl" : key.startsWith("ssl.") ? "sink.tls" : "sink.tls and sink.sasl";
                        problems.add(new ConfigProblem(PREFIX + key, "'" + value + "'", "not set: orderly derives " + key + " from sink.tls and sink.sasl",
                                "remove it and configure " + section + " instead (security.protocol follows from them: SASL_SSL with both, SSL with"
                                        + " tls only, SASL_PLAINTEXT with sasl only); they apply to every Kafka client orderly opens, and their"
                                        + " secrets come from the environment or files"));
                    } else if (FROM_OUTAGE_TIMEOUT.contains(key)) {
                        problems.add(new ConfigProblem(PREFIX + key, "'" + value + "'", "not set: orderly derives " + key + " from sink.outage-timeout",
                                "remove it and set sink.outage-timeout instead, e.g. outage-timeout: 2m; it bounds how long Kafka may fail to"
                                        + " acknowledge records before orderly stops with its committed position intact"));
                    } else if (OWNED.contains(key)) {
                        problems.add(new ConfigProblem(PREFIX + key, "'" + value + "'", "not set: orderly sets " + key + " itself",
                                "remove it" + (key.equals("bootstrap.servers") ? " and use sink.bootstrap-servers" : "")));
                    }
                }
            }
        });
        return problems;
    }

    /** Settings that {@link KafkaClientSecurity} derives from {@code sink.tls} and {@code sink.sasl}. */
    private static boolean isSecuritySetting(String key) {
        return key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.");
    }

    private static boolean isIntInRange(String text, int min, int max) {
        try {
            int number = Integer.parseInt(text);
            return number >= min && number <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
