package dev.orderly.ports.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The type of a rule option and how a configured value becomes it. Configured values arrive as YAML
 * gives them: text, whole numbers, booleans, lists and maps.
 *
 * @param <T> the Java type of the option's value
 */
@Stable
public final class OptionType<T> {

    public static final OptionType<String> STRING = new OptionType<>("string", OptionType::string);
    public static final OptionType<Long> INTEGER = new OptionType<>("integer", OptionType::integer);
    public static final OptionType<Boolean> BOOLEAN = new OptionType<>("boolean", OptionType::bool);
    public static final OptionType<List<String>> STRING_LIST = new OptionType<>("list of strings", OptionType::stringList);
    public static final OptionType<Map<String, String>> STRING_MAP = new OptionType<>("map of string to string", OptionType::stringMap);

    private final String name;
    private final Function<Object, T> parser;

    private OptionType(String name, Function<Object, T> parser) {
        this.name = name;
        this.parser = parser;
    }

    /** How {@code orderly plugins} and error messages name the type, e.g. {@code list of strings}. */
    public String name() {
        return name;
    }

    /**
     * Converts a configured value.
     *
     * @throws IllegalArgumentException saying what was expected and quoting what was found
     */
    public T parse(Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("must be a " + name + " but got nothing");
        }
        return parser.apply(raw);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String string(Object raw) {
        if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
            return raw.toString();
        }
        throw mismatch("a string", raw);
    }

    private static Long integer(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw mismatch("an integer", raw);
            }
        }
        throw mismatch("an integer", raw);
    }

    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean value) {
            return value;
        }
        if ("true".equals(raw) || "false".equals(raw)) {
            return Boolean.parseBoolean((String) raw);
        }
        throw mismatch("true or false", raw);
    }

    private static List<String> stringList(Object raw) {
        if (!(raw instanceof List<?> list)) {
            throw mismatch("a list of strings", raw);
        }
        return list.stream().map(OptionType::string).toList();
    }

    private static Map<String, String> stringMap(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw mismatch("a map of string to string", raw);
        }
        Map<String, String> values = new LinkedHashMap<>();
        map.forEach((key, value) -> values.put(string(key), string(value)));
        return Collections.unmodifiableMap(values);
    }

    private static IllegalArgumentException mismatch(String expected, Object raw) {
        return new IllegalArgumentException("must be " + expected + " but got " + describe(raw));
    }

    private static String describe(Object raw) {
        if (raw instanceof String text) {
            return "\"" + text + "\"";
        }
        if (raw instanceof List<?>) {
            return "a list " + raw;
        }
        if (raw instanceof Map<?, ?>) {
            return "a map " + raw;
        }
        return String.valueOf(raw);
    }
}
