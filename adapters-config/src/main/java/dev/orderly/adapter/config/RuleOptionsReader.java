package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderly.ports.spi.OptionType;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOption;
import dev.orderly.ports.spi.RuleOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the {@code options:} of a partition rule ({@code partition.options} or
 * {@code partition.rules[i].options}) and checks them against the options the rule declares.
 *
 * <p>The checks are those of {@link RuleOptions#problems}, made here one option at a time so that
 * each problem has its own key path and fix: an option the rule does not declare (beside the sorted
 * options it does), a required option that is missing, and a value its {@link OptionType} does not
 * accept. String values have their environment references substituted first. An optional option
 * written with no value takes its default, as optional keys do everywhere else.
 *
 * <p>The values kept are those {@link RuleOptions#validate} gives, parsed and with the defaults of
 * the optional options filled in, so that they are exactly what the rule will be created with.
 */
final class RuleOptionsReader {

    static final Key OPTIONS = new Key("options", "a map of the partition rule's options to their values", "{column: tenant_id}");

    // OptionType's constructor is private: these are all the types a rule can declare.
    private static final Map<OptionType<?>, String> EXAMPLES = Map.of(OptionType.STRING, "value", OptionType.INTEGER, "1", OptionType.BOOLEAN,
            "true", OptionType.STRING_LIST, "[a, b]", OptionType.STRING_MAP, "{a: b}");

    private RuleOptionsReader() {
    }

    /**
     * @param owner the section that holds {@code mode:} and {@code options:}
     * @param mode the identifier of the rule the section's mode names, or empty when the mode is missing
     *     or not loaded; the options are then not checked against it, since that problem is already reported
     * @param partitionRules the loaded partition rules by identifier
     * @return the option values, or empty after reporting a problem (or when there is no mode)
     */
    static Optional<Map<String, Object>> read(ConfigSection owner, Optional<String> mode, Map<String, PartitionRulePort> partitionRules) {
        Optional<Map<String, JsonNode>> written = owner.optionalMap(OPTIONS);
        if (written.isEmpty() || mode.isEmpty()) {
            return Optional.empty();
        }
        return new Check(owner, mode.get(), partitionRules.get(mode.get())).values(written.get());
    }

    /** The check of one {@code options:} map against one rule. */
    private static final class Check {

        private final ConfigSection owner;
        private final String identifier;
        private final PartitionRulePort rule;
        private final String optionsPath;
        private final List<RuleOption<?>> required;
        private final Map<String, RuleOption<?>> declared = new LinkedHashMap<>();

        Check(ConfigSection owner, String identifier, PartitionRulePort rule) {
            this.owner = owner;
            this.identifier = identifier;
            this.rule = requireNonNull(rule, "rule is null");
            this.optionsPath = owner.pathOf(OPTIONS.name());
            this.required = declared(rule.requiredOptions(), "requiredOptions()");
            required.forEach(option -> declared.put(option.key(), option));
            declared(rule.optionalOptions(), "optionalOptions()").forEach(option -> declared.putIfAbsent(option.key(), option));
        }

        Optional<Map<String, Object>> values(Map<String, JsonNode> written) {
            Map<String, Object> configured = new LinkedHashMap<>();
            boolean allValid = true;
            for (Map.Entry<String, JsonNode> entry : written.entrySet()) {
                String key = entry.getKey();
                String path = optionsPath + "." + key;
                RuleOption<?> option = declared.get(key);
                if (option == null) {
                    reportUnknown(path, key);
                    allValid = false;
                } else if (entry.getValue().isNull()) {
                    // An optional option written with no value takes its default, as optional keys do everywhere.
                    if (required.contains(option)) {
                        owner.problems().add(path, Found.NO_VALUE, allowed(option),
                                "write a value after '" + key + ":', e.g. " + key + ": " + example(option));
                        allValid = false;
                    }
                } else {
                    Optional<Object> value = value(path, option, entry.getValue());
                    value.ifPresent(present -> configured.put(key, present));
                    allValid &= value.isPresent();
                }
            }
            for (RuleOption<?> option : required) {
                if (!written.containsKey(option.key())) {
                    reportMissing(option, !owner.isWritten(OPTIONS));
                    allValid = false;
                }
            }
            if (!allValid) {
                return Optional.empty();
            }
            // Cannot fail: every problem it would find has been reported above.
            return Optional.of(RuleOptions.validate(rule, configured).asMap());
        }

        /** A written option's value as YAML gives it, after checking that its type accepts it; empty after a problem. */
        private Optional<Object> value(String path, RuleOption<?> option, JsonNode node) {
            Optional<Object> value = plain(path, node, allowed(option));
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                option.type().parse(value.get());
                return value;
            } catch (IllegalArgumentException wrongType) {
                String found = node.isTextual() ? new ScalarText(node.textValue(), (String) value.get()).found() : Found.of(node);
                owner.problems().add(path, found, allowed(option),
                        "the value " + wrongType.getMessage() + "; write e.g. " + option.key() + ": " + example(option));
                return Optional.empty();
            }
        }

        /**
         * The value as YAML gives it to {@link OptionType#parse}: text (references substituted), a
         * number, a boolean, or a list or map of those; empty after reporting an unset variable or a
         * missing value inside a list or map.
         */
        private Optional<Object> plain(String path, JsonNode node, String allowed) {
            if (node.isTextual()) {
                return owner.values().text(path, node, allowed).map(ScalarText::value);
            }
            if (node.isNull()) {
                owner.problems().add(path, Found.NO_VALUE, allowed, "write a value there, or remove the entry");
                return Optional.empty();
            }
            if (node.isNumber()) {
                return Optional.of(node.numberValue());
            }
            if (node.isBoolean()) {
                return Optional.of(node.booleanValue());
            }
            if (node.isArray()) {
                List<Object> elements = new ArrayList<>();
                boolean allRead = true;
                for (int index = 0; index < node.size(); index++) {
                    Optional<Object> element = plain(path + "[" + index + "]", node.get(index), allowed);
                    element.ifPresent(elements::add);
                    allRead &= element.isPresent();
                }
                return allRead ? Optional.of(elements) : Optional.empty();
            }
            if (node.isObject()) {
                Map<String, Object> entries = new LinkedHashMap<>();
                boolean allRead = true;
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    Optional<Object> value = plain(path + "." + entry.getKey(), entry.getValue(), allowed);
                    value.ifPresent(present -> entries.put(entry.getKey(), present));
                    allRead &= value.isPresent();
                }
                return allRead ? Optional.of(entries) : Optional.empty();
            }
            return Optional.of(node.asText());
        }

        private void reportUnknown(String path, String key) {
            if (declared.isEmpty()) {
                owner.problems().add(path, "unknown option " + Found.quote(key), "no options: rule '" + identifier + "' declares none",
                        "remove it; rule '" + identifier + "' takes no options");
                return;
            }
            List<String> sorted = declared.keySet().stream().sorted().toList();
            owner.problems().add(path, "unknown option " + Found.quote(key), "one of the options of rule '" + identifier + "': " + String.join(", ", sorted),
                    ClosestMatch.suggestion(key, sorted, "remove it, or rename it to one of the options of rule '" + identifier + "'"));
        }

        private void reportMissing(RuleOption<?> option, boolean noOptionsWritten) {
            String line = option.key() + ": " + example(option);
            String fix = noOptionsWritten
                    ? "rule '" + identifier + "' requires it: add 'options: {" + line + "}'" + owner.where()
                    : "rule '" + identifier + "' requires it: add '" + line + "' under " + optionsPath + ":";
            owner.problems().add(optionsPath + "." + option.key(), Found.MISSING, allowed(option), fix);
        }

        /** The option's type and description, and its default when it has one, e.g. {@code a string: the tenant column (default hash)}. */
        private static String allowed(RuleOption<?> option) {
            String type = option.type().name();
            String article = "aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ";
            String description = option.description().isBlank() ? "" : ": " + option.description();
            String defaultValue = option.defaultValue() == null ? "" : " (default " + option.defaultValue() + ")";
            return article + type + description + defaultValue;
        }

        private static String example(RuleOption<?> option) {
            return EXAMPLES.getOrDefault(option.type(), "value");
        }

        /** The host checks what a plugin returns. */
        private List<RuleOption<?>> declared(List<RuleOption<?>> options, String method) {
            if (options == null || options.stream().anyMatch(Objects::isNull)) {
                throw new IllegalStateException("partition rule '" + identifier + "' (" + rule.getClass().getName() + ") returned "
                        + (options == null ? "null" : "a null option") + " from " + method);
            }
            return List.copyOf(options);
        }
    }
}
