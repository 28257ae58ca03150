package dev.orderly.adapter.config;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.KafkaSasl;
import dev.orderly.ports.config.KafkaTls;
import dev.orderly.ports.config.OversizedPolicy;
import dev.orderly.ports.config.SinkSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads {@code sink:}: the Kafka cluster and topic records go to. */
final class SinkSectionReader {

    static final Map<String, DeliveryMode> DELIVERY_MODES = ValueReader.choices(DeliveryMode.values(), DeliveryMode::configValue);
    static final int MAX_TOPIC_LENGTH = 249;
    static final Duration MIN_OUTAGE_TIMEOUT = Duration.ofMillis(1);
    /** Kafka takes the producer's delivery timeout in milliseconds as an int (at most about 24.8 days); a day is plenty. */
    static final Duration MAX_OUTAGE_TIMEOUT = Duration.ofHours(24);

    static final Key BOOTSTRAP_SERVERS = new Key("bootstrap-servers", "a comma-separated list of host:port, each port from 1 to 65535",
            "127.0.0.1:9092");
    static final Key TOPIC = new Key("topic",
            "one Kafka topic name: 1 to " + MAX_TOPIC_LENGTH + " letters, digits, '.', '_' or '-', other than '.' and '..'", "shop.changes");
    static final Key PARTITIONS = new Key("partitions", "an integer of at least 1 (default 1 when every table follows partition rule one_partition, else 8)", "8");
    static final Key DELIVERY = new Key("delivery",
            "one of: " + String.join(", ", DELIVERY_MODES.keySet()) + " (default " + DeliveryMode.AT_LEAST_ONCE.configValue() + ")",
            DeliveryMode.AT_LEAST_ONCE.configValue());
    static final Key OUTAGE_TIMEOUT = new Key("outage-timeout",
            "a duration: a whole number and a unit (" + DurationText.UNITS + "), from " + DurationText.format(MIN_OUTAGE_TIMEOUT) + " to "
                    + DurationText.format(MAX_OUTAGE_TIMEOUT) + " (default " + DurationText.format(SinkSettings.DEFAULT_OUTAGE_TIMEOUT) + ")",
            DurationText.format(SinkSettings.DEFAULT_OUTAGE_TIMEOUT));
    static final Key OFFSETS_TOPIC = new Key("offsets-topic",
            "a Kafka topic name other than sink.topic: 1 to " + MAX_TOPIC_LENGTH + " letters, digits, '.', '_' or '-', other than '.' and '..'"
                    + " (default " + SinkSettings.DEFAULT_OFFSETS_TOPIC + ")",
            SinkSettings.DEFAULT_OFFSETS_TOPIC);
    static final Key MAX_TRANSACTION_RECORDS = new Key("max-transaction-records",
            "an integer of at least 1 (default " + SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS + ")",
            Integer.toString(SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS));
    static final Map<String, OversizedPolicy> OVERSIZED_POLICIES = ValueReader.choices(OversizedPolicy.values(), OversizedPolicy::configValue);
    static final Key OVERSIZED = new Key("oversized", "one of: " + String.join(", ", OVERSIZED_POLICIES.keySet()) + " (default "
            + OversizedPolicy.FAIL.configValue() + ")", OversizedPolicy.FAIL.configValue());
    static final Key PRODUCER = new Key("producer", "a map of Kafka producer settings to single values (string, number or boolean)",
            "{linger.ms: 5}");
    static final List<Key> KEYS = List.of(BOOTSTRAP_SERVERS, TOPIC, PARTITIONS, DELIVERY, OUTAGE_TIMEOUT, OFFSETS_TOPIC, MAX_TRANSACTION_RECORDS,
            OVERSIZED, SinkSecurityReader.TLS, SinkSecurityReader.SASL, PRODUCER);

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    private SinkSectionReader() {
    }

    /**
     * @param defaultPartitions the partition count when {@code partitions} is not written; it depends on the tables' partition rules
     * @param producerCheck the sink's check of the producer settings; its problems are added to the others
     */
    static Optional<SinkSettings> read(ConfigSection sink, int defaultPartitions, Function<Map<String, String>, List<ConfigProblem>> producerCheck) {
        Optional<String> bootstrapServers = sink.requiredText(BOOTSTRAP_SERVERS).flatMap(text -> bootstrapServers(sink, text));
        Optional<String> topic = readTopic(sink);
        Optional<Long> partitions = sink.optionalInteger(PARTITIONS, 1, Integer.MAX_VALUE, defaultPartitions);
        Optional<DeliveryMode> delivery = sink.optionalChoice(DELIVERY, DELIVERY_MODES, DeliveryMode.AT_LEAST_ONCE);
        Optional<Duration> outageTimeout = sink.optionalDuration(OUTAGE_TIMEOUT, MIN_OUTAGE_TIMEOUT, MAX_OUTAGE_TIMEOUT,
                SinkSettings.DEFAULT_OUTAGE_TIMEOUT);
        Optional<String> offsetsTopic = readOffsetsTopic(sink, topic);
        Optional<Long> maxTransactionRecords = sink.optionalInteger(MAX_TRANSACTION_RECORDS, 1, Integer.MAX_VALUE,
                SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS);
        Optional<OversizedPolicy> oversized = sink.optionalChoice(OVERSIZED, OVERSIZED_POLICIES, OversizedPolicy.FAIL);
        Optional<Optional<KafkaTls>> tls = SinkSecurityReader.readTls(sink);
        Optional<Optional<KafkaSasl>> sasl = SinkSecurityReader.readSasl(sink, sink.has(SinkSecurityReader.TLS));
        Map<String, String> producerProperties = sink.optionalSingleValueMap(PRODUCER);
        List<ConfigProblem> producerProblems = producerCheck.apply(Map.copyOf(producerProperties));
        if (producerProblems == null) {
            throw new IllegalStateException("the sink's producer check returned null instead of a list of problems");
        }
        sink.problems().addAll(producerProblems);
        if (Stream.of(bootstrapServers, topic, partitions, delivery, outageTimeout, offsetsTopic, maxTransactionRecords, oversized, tls, sasl)
                .anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new SinkSettings(bootstrapServers.get(), topic.get(), partitions.get().intValue(), delivery.get(), producerProperties,
                outageTimeout.get(), offsetsTopic.get(), maxTransactionRecords.get().intValue(), oversized.get(), tls.get(), sasl.get()));
    }

    /**
     * The topic of the exactly-once checkpoint. It must not be the records' topic: a consumer of the
     * records would read checkpoint records as changes. Compared only when the records' topic was read.
     */
    private static Optional<String> readOffsetsTopic(ConfigSection sink, Optional<String> topic) {
        Optional<ScalarText> text = sink.optionalText(OFFSETS_TOPIC, SinkSettings.DEFAULT_OFFSETS_TOPIC);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String path = sink.pathOf(OFFSETS_TOPIC.name());
        String offsetsTopic = text.get().value();
        Optional<String> fix = topicFix(offsetsTopic);
        if (fix.isEmpty() && topic.isPresent() && topic.get().equals(offsetsTopic)) {
            fix = Optional.of("choose a topic of its own, e.g. offsets-topic: " + SinkSettings.DEFAULT_OFFSETS_TOPIC
                    + "; checkpoint records must not mix with the change records of sink.topic");
        }
        if (fix.isPresent()) {
            sink.problems().add(path, text.get().found(), OFFSETS_TOPIC.allowed(), fix.get());
            return Optional.empty();
        }
        return Optional.of(offsetsTopic);
    }

    /** Checks each {@code host:port} entry; returns them trimmed and joined by commas. */
    private static Optional<String> bootstrapServers(ConfigSection sink, ScalarText text) {
        String path = sink.pathOf(BOOTSTRAP_SERVERS.name());
        List<String> servers = new ArrayList<>();
        boolean allValid = true;
        for (String entry : text.value().split(",", -1)) {
            String server = entry.trim();
            Optional<String> fix = serverFix(server);
            if (fix.isPresent()) {
                sink.problems().add(path, text.found(), BOOTSTRAP_SERVERS.allowed(), fix.get());
                allValid = false;
            }
            servers.add(server);
        }
        return allValid ? Optional.of(String.join(",", servers)) : Optional.empty();
    }

    /** How to fix one bootstrap server entry, or empty when it is a valid {@code host:port}. */
    private static Optional<String> serverFix(String server) {
        if (server.isEmpty()) {
            return Optional.of("remove the empty entry between commas");
        }
        int colon = server.lastIndexOf(':');
        if (colon < 0) {
            return Optional.of("give '" + server + "' a port, e.g. " + server + ":9092");
        }
        String host = server.substring(0, colon);
        String port = server.substring(colon + 1);
        if (host.isBlank()) {
            return Optional.of("give '" + server + "' a host, e.g. kafka1" + server);
        }
        boolean validPort = !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit)
                && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65_535;
        return validPort ? Optional.empty() : Optional.of("give '" + server + "' a port from 1 to 65535, e.g. " + host + ":9092");
    }

    /**
     * The topic. Environment references are substituted as everywhere, but one still standing
     * afterwards is read as a topic template such as {@code ${db}.${table}}, which this version
     * does not support, rather than as an unset variable.
     */
    private static Optional<String> readTopic(ConfigSection sink) {
        String path = sink.pathOf(TOPIC.name());
        Optional<String> written = sink.required(TOPIC).flatMap(node -> sink.values().writtenString(path, node, TOPIC.allowed()));
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Substitution substitution = sink.values().substitution().apply(written.get());
        String topic = substitution.text();
        if (!substitution.complete() || topic.contains("${")) {
            sink.problems().add(path, Found.quote(written.get()), TOPIC.allowed(),
                    "name one topic, e.g. topic: " + TOPIC.example() + "; templates such as ${db}.${table} are not supported in this version"
                            + " (to take the name from the environment, export the variable)");
            return Optional.empty();
        }
        Optional<String> fix = topicFix(topic);
        if (fix.isPresent()) {
            sink.problems().add(path, new ScalarText(written.get(), topic).found(), TOPIC.allowed(), fix.get());
            return Optional.empty();
        }
        return Optional.of(topic);
    }

    /** How to fix an illegal Kafka topic name, or empty when it is legal. */
    private static Optional<String> topicFix(String topic) {
        if (topic.isEmpty()) {
            return Optional.of("name the topic, e.g. topic: " + TOPIC.example());
        }
        if (topic.equals(".") || topic.equals("..")) {
            return Optional.of("choose another name; Kafka does not allow '.' or '..'");
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            return Optional.of("shorten it to at most " + MAX_TOPIC_LENGTH + " characters (it has " + topic.length() + ")");
        }
        if (!TOPIC_NAME.matcher(topic).matches()) {
            String illegal = topic.codePoints().filter(c -> !TOPIC_NAME.matcher(Character.toString(c)).matches()).distinct()
                    .mapToObj(c -> "'" + Character.toString(c) + "'").collect(Collectors.joining(", "));
            return Optional.of("replace the characters Kafka does not allow in a topic name: " + illegal);
        }
        return Optional.empty();
    }
}
