package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One map of the configuration (the top level, {@code source:}, {@code sink:}, {@code partition:}
 * or an entry of {@code partition.rules}) and the typed reads of its keys.
 *
 * <p>A section reports its unknown keys as soon as it is opened, next to the sorted list of the keys
 * it supports. A required key that is missing, or written with no value, is a problem; an optional
 * one takes its default. Every other problem is reported by {@link ValueReader}.
 */
final class ConfigSection {

    private final String path;
    private final ObjectNode node;
    private final ValueReader values;

    private ConfigSection(String path, ObjectNode node, ValueReader values, List<Key> supportedKeys) {
        this.path = path;
        this.node = node;
        this.values = values;
        rejectUnknownKeys(supportedKeys);
    }

    /** The top level of the file. */
    static ConfigSection root(ObjectNode node, ValueReader values, List<Key> supportedKeys) {
        return new ConfigSection("", requireNonNull(node, "node is null"), requireNonNull(values, "values is null"), supportedKeys);
    }

    /**
     * A key standing for a whole section: it allows a map of the keys the section supports, and its
     * example names the keys a new section needs.
     */
    static Key sectionKey(String name, List<Key> supportedKeys, String requiredKeys) {
        return new Key(name, mapWithKeys(supportedKeys), requiredKeys);
    }

    static String mapWithKeys(List<Key> supportedKeys) {
        return "a map with the keys: " + String.join(", ", sortedNames(supportedKeys));
    }

    /** The section's own path, e.g. {@code partition.rules[0]}; empty at the top level. */
    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ValueReader values() {
        return values;
    }

    ProblemCollector problems() {
        return values.problems();
    }

    Optional<ConfigSection> requiredSection(Key key, List<Key> supportedKeys) {
        Optional<JsonNode> section = present(key);
        if (section.isEmpty()) {
            JsonNode written = node.get(key.name());
            String fix = written == null
                    ? "add a '" + key.name() + ":' section" + where() + " with at least " + key.example() + "; config/example.yaml shows one"
                    : "write at least " + key.example() + " indented below '" + key.name() + ":'; config/example.yaml shows them";
            problems().add(pathOf(key.name()), Found.of(written), key.allowed(), fix);
            return Optional.empty();
        }
        if (!section.get().isObject()) {
            problems().add(pathOf(key.name()), Found.of(section.get()), key.allowed(),
                    "write '" + key.name() + ":' on its own line and its keys indented below it");
            return Optional.empty();
        }
        return Optional.of(new ConfigSection(pathOf(key.name()), (ObjectNode) section.get(), values, supportedKeys));
    }

    /**
     * One element of a list of sections, such as {@code partition.rules[0]}; empty after reporting an
     * element that is not a map.
     *
     * @param index the element's position in the list under {@code key}
     * @param example a valid element, for the fix
     */
    Optional<ConfigSection> listElement(Key key, int index, JsonNode element, List<Key> supportedKeys, String example) {
        String elementPath = pathOf(key.name()) + "[" + index + "]";
        if (!element.isObject()) {
            problems().add(elementPath, Found.of(element), mapWithKeys(supportedKeys), "write each entry of '" + key.name() + ":' as a map, e.g. " + example);
            return Optional.empty();
        }
        return Optional.of(new ConfigSection(elementPath, (ObjectNode) element, values, supportedKeys));
    }

    /**
     * A section whose presence alone means something, such as {@code tls:}: written with no value
     * (every key below it commented out) it reads as an empty section, not as a missing one.
     * Empty after reporting a value that is not a map.
     */
    Optional<ConfigSection> sectionAllowingNoValue(Key key, List<Key> supportedKeys) {
        JsonNode written = node.get(key.name());
        if (written == null || written.isNull()) {
            return Optional.of(new ConfigSection(pathOf(key.name()), JsonNodeFactory.instance.objectNode(), values, supportedKeys));
        }
        return requiredSection(key, supportedKeys);
    }

    /** Whether the key is in the file at all, even as {@code key:} with nothing after it. */
    boolean has(Key key) {
        return node.has(key.name());
    }

    /** Whether the key is written with a value; absent and {@code key:} with nothing after it both count as not written. */
    boolean isWritten(Key key) {
        return present(key).isPresent();
    }

    /** The key's node, or empty after reporting it missing or without a value. */
    Optional<JsonNode> required(Key key) {
        JsonNode value = node.get(key.name());
        if (value == null || value.isNull()) {
            String fix = value == null
                    ? "add '" + key.name() + ": " + key.example() + "'" + where()
                    : "write a value after '" + key.name() + ":', e.g. " + key.name() + ": " + key.example();
            problems().add(pathOf(key.name()), Found.of(value), key.allowed(), fix);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A required, non-blank string. */
    Optional<ScalarText> requiredText(Key key) {
        return required(key).flatMap(value -> values.nonBlankText(pathOf(key.name()), value, key.allowed()));
    }

    /** A required secret: {@code ${NAME}}, {@code ${file:PATH}} or {@code ""}, never the secret itself ({@link ValueReader#secret}). */
    Optional<ScalarText> requiredSecret(Key key) {
        return required(key).flatMap(value -> values.secret(pathOf(key.name()), value, key.allowed()));
    }

    /** An optional secret as {@link #requiredSecret}; empty text when absent. */
    Optional<ScalarText> optionalSecret(Key key) {
        Optional<JsonNode> value = present(key);
        return value.isEmpty() ? Optional.of(new ScalarText("", "")) : values.secret(pathOf(key.name()), value.get(), key.allowed());
    }

    /** An optional non-blank string; {@code defaultValue} when absent. */
    Optional<ScalarText> optionalText(Key key, String defaultValue) {
        Optional<JsonNode> value = present(key);
        return value.isEmpty()
                ? Optional.of(new ScalarText(defaultValue, defaultValue))
                : values.nonBlankText(pathOf(key.name()), value.get(), key.allowed());
    }

    Optional<Long> requiredInteger(Key key, long min, long max) {
        return required(key).flatMap(value -> values.integer(pathOf(key.name()), value, min, max, key.allowed()));
    }

    Optional<Long> optionalInteger(Key key, long min, long max, long defaultValue) {
        Optional<JsonNode> value = present(key);
        return value.isEmpty() ? Optional.of(defaultValue) : values.integer(pathOf(key.name()), value.get(), min, max, key.allowed());
    }

    /** An optional boolean; {@code defaultValue} when absent. */
    Optional<Boolean> optionalBoolean(Key key, boolean defaultValue) {
        Optional<JsonNode> value = present(key);
        return value.isEmpty() ? Optional.of(defaultValue) : values.bool(pathOf(key.name()), value.get(), key.allowed());
    }

    /** An optional duration such as {@code 30s}; {@code defaultValue} when absent. */
    Optional<Duration> optionalDuration(Key key, Duration min, Duration max, Duration defaultValue) {
        Optional<JsonNode> value = present(key);
        return value.isEmpty() ? Optional.of(defaultValue) : values.duration(pathOf(key.name()), value.get(), min, max, key.allowed());
    }

    <T> Optional<T> optionalChoice(Key key, Map<String, T> choices, T defaultValue) {
        Optional<JsonNode> value = present(key);
        return value.isEmpty() ? Optional.of(defaultValue) : values.choice(pathOf(key.name()), value.get(), choices, key.allowed(), choiceFix(key));
    }

    <T> Optional<T> requiredChoice(Key key, Map<String, T> choices) {
        return required(key).flatMap(value -> values.choice(pathOf(key.name()), value, choices, key.allowed(), choiceFix(key)));
    }

    Optional<List<JsonNode>> requiredList(Key key) {
        return required(key).flatMap(value -> values.nonEmptyList(pathOf(key.name()), value, key.allowed(), key.name() + ": " + key.example()));
    }

    /** An optional list, possibly empty; the empty list when absent or written with no value. */
    Optional<List<JsonNode>> optionalList(Key key) {
        Optional<JsonNode> value = present(key);
        return value.isEmpty() ? Optional.of(List.of()) : values.list(pathOf(key.name()), value.get(), key.allowed(), key.name() + ": " + key.example());
    }

    /** An optional list with at least one element; the empty list when absent or written with no value. */
    Optional<List<JsonNode>> optionalNonEmptyList(Key key) {
        Optional<JsonNode> value = present(key);
        return value.isEmpty()
                ? Optional.of(List.of())
                : values.nonEmptyList(pathOf(key.name()), value.get(), key.allowed(), key.name() + ": " + key.example());
    }

    /** An optional map; empty when absent or written with no value (every entry commented out). */
    Optional<Map<String, JsonNode>> optionalMap(Key key) {
        Optional<JsonNode> value = present(key);
        return value.isEmpty() ? Optional.of(Map.of()) : values.map(pathOf(key.name()), value.get(), key.allowed(), key.name() + ": " + key.example());
    }

    /**
     * An optional map of pass-through settings, each value a string, number or boolean converted to a
     * string. Entries that are not single values are reported and left out.
     */
    Map<String, String> optionalSingleValueMap(Key key) {
        Map<String, String> settings = new LinkedHashMap<>();
        optionalMap(key).orElse(Map.of()).forEach((name, value) -> values.singleValueAsText(pathOf(key.name()) + "." + name, value)
                .ifPresent(text -> settings.put(name, text)));
        return settings;
    }

    /** The key's node when it is written with a value; absent and {@code key:} with nothing after it both count as not written. */
    private Optional<JsonNode> present(Key key) {
        JsonNode value = node.get(key.name());
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private static String choiceFix(Key key) {
        return "write one of the allowed values, e.g. " + key.name() + ": " + key.example();
    }

    /** Where a key of this section goes, for fixes: {@code " at the top level"} or {@code " under source:"}. */
    String where() {
        return path.isEmpty() ? " at the top level" : " under " + path + ":";
    }

    private void rejectUnknownKeys(List<Key> supportedKeys) {
        List<String> supported = sortedNames(supportedKeys);
        node.fieldNames().forEachRemaining(name -> {
            if (!supported.contains(name)) {
                problems().add(pathOf(name), "unknown key " + Found.quote(name), "one of the supported keys: " + String.join(", ", supported),
                        ClosestMatch.suggestion(name, supported, "remove it, or rename it to one of the supported keys"));
            }
        });
    }

    private static List<String> sortedNames(List<Key> keys) {
        return keys.stream().map(Key::name).sorted().toList();
    }
}
