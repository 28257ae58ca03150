package dev.orderly.adapter.config;

import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.SinkSettings;
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

    static final Key BOOTSTRAP_SERVERS = new Key("bootstrap-servers", "a comma-separated list of host:port, each port from 1 to 65535",
            "127.0.0.1:9092");
    static final Key TOPIC = new Key("topic",
            "one Kafka topic name: 1 to " + MAX_TOPIC_LENGTH + " letters, digits, '.', '_' or '-', other than '.' and '..'", "shop.changes");
    static final Key PARTITIONS = new Key("partitions", "an integer of at least 1 (default 1 when every table follows partition rule one_partition, else 8)", "8");
    static final Key DELIVERY = new Key("delivery",
            "one of: " + String.join(", ", DELIVERY_MODES.keySet()) + " (default " + DeliveryMode.AT_LEAST_ONCE.configValue() + ")",
            DeliveryMode.AT_LEAST_ONCE.configValue());
    static final Key PRODUCER = new Key("producer", "a map of Kafka producer settings to single values (string, number or boolean)",
            "{linger.ms: 5}");
    static final List<Key> KEYS = List.of(BOOTSTRAP_SERVERS, TOPIC, PARTITIONS, DELIVERY, PRODUCER);

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
        Map<String, String> producerProperties = sink.optionalSingleValueMap(PRODUCER);
        List<ConfigProblem> producerProblems = producerCheck.apply(Map.copyOf(producerProperties));
        if (producerProblems == null) {
            throw new IllegalStateException("the sink's producer check returned null instead of a list of problems");
        }
        sink.problems().addAll(producerProblems);
        if (Stream.of(bootstrapServers, topic, partitions, delivery).anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new SinkSettings(bootstrapServers.get(), topic.get(), partitions.get().intValue(), delivery.get(), producerProperties));
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
