package dev.orderly.ports.spi;

import static java.util.Objects.requireNonNull;

/**
 * A typed option of a partition rule, declared by {@link PartitionRulePort#requiredOptions()} or
 * {@link PartitionRulePort#optionalOptions()}.
 *
 * @param key the option's name under {@code options:}, kebab-case
 * @param type its type
 * @param defaultValue the value of an optional option that is not configured; {@code null} for required options
 * @param description one line for {@code orderly plugins} and error messages
 * @param <T> the Java type of the value
 */
@Stable
public record RuleOption<T>(String key, OptionType<T> type, T defaultValue, String description) {

    public RuleOption {
        requireNonNull(key, "key is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
        if (!key.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option key must be kebab-case ([a-z][a-z0-9-]*) but got '" + key + "'");
        }
    }

    /** An option that must be configured. */
    public static <T> RuleOption<T> required(String key, OptionType<T> type, String description) {
        return new RuleOption<>(key, type, null, description);
    }

    /** An option with a default. */
    public static <T> RuleOption<T> optional(String key, OptionType<T> type, T defaultValue, String description) {
        return new RuleOption<>(key, type, requireNonNull(defaultValue, "defaultValue is null"), description);
    }
}
