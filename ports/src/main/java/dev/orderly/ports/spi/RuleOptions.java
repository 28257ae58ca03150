package dev.orderly.ports.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The validated option values handed to {@link PartitionRulePort#create}. Immutable. */
@Stable
public final class RuleOptions {

    private final Map<String, Object> values;

    private RuleOptions(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Validates configured values against a rule's declared options and fills in defaults.
     *
     * @param rule the rule that declares the options
     * @param configured option key to raw configured value
     * @return the values, or throws
     * @throws IllegalArgumentException listing, for each option, what is wrong: unknown keys beside the supported ones,
     *     missing required options, values of the wrong type
     */
    public static RuleOptions validate(PartitionRulePort rule, Map<String, ?> configured) {
        List<String> problems = problems(rule, configured);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (RuleOption<?> option : rule.requiredOptions()) {
            values.put(option.key(), option.type().parse(configured.get(option.key())));
        }
        for (RuleOption<?> option : rule.optionalOptions()) {
            Object raw = configured.get(option.key());
            values.put(option.key(), raw == null ? option.defaultValue() : option.type().parse(raw));
        }
        return new RuleOptions(values);
    }

    /** Everything wrong with the configured values, one sentence each starting with the option key; empty when they are valid. */
    public static List<String> problems(PartitionRulePort rule, Map<String, ?> configured) {
        Map<String, RuleOption<?>> declared = new LinkedHashMap<>();
        rule.requiredOptions().forEach(option -> declared.put(option.key(), option));
        rule.optionalOptions().forEach(option -> declared.put(option.key(), option));
        List<String> problems = new java.util.ArrayList<>();
        for (String key : new java.util.TreeSet<>(configured.keySet())) {
            RuleOption<?> option = declared.get(key);
            if (option == null) {
                problems.add("'" + key + "' is not an option of rule '" + rule.identifier() + "'; its options are "
                        + (declared.isEmpty() ? "none" : new java.util.TreeSet<>(declared.keySet())));
                continue;
            }
            try {
                option.type().parse(configured.get(key));
            } catch (IllegalArgumentException e) {
                problems.add("'" + key + "' " + e.getMessage());
            }
        }
        for (RuleOption<?> option : rule.requiredOptions()) {
            if (configured.get(option.key()) == null) {
                problems.add("'" + option.key() + "' is required by rule '" + rule.identifier() + "' (" + option.type().name() + ": "
                        + option.description() + ")");
            }
        }
        return problems;
    }

    /** The value of a declared option. */
    @SuppressWarnings("unchecked")
    public <T> T get(RuleOption<T> option) {
        if (!values.containsKey(option.key())) {
            throw new IllegalArgumentException("option '" + option.key() + "' was not declared by the rule; declared: " + values.keySet());
        }
        return (T) values.get(option.key());
    }

    /** Every option value by key, defaults included. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** No options; for rules that declare none. */
    public static RuleOptions none() {
        return new RuleOptions(Map.of());
    }
}
