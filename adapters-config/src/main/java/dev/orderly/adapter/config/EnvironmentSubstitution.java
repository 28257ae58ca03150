package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces environment references in a string value, in one left-to-right pass:
 * <ul>
 *   <li>{@code ${NAME}} becomes the variable's value;</li>
 *   <li>{@code ${NAME:-default}} becomes {@code default} when the variable is unset or empty;</li>
 *   <li>{@code $${} is a literal {@code ${}.</li>
 * </ul>
 * Substituted text is not scanned again, and a default cannot contain {@code }}.
 */
final class EnvironmentSubstitution {

    private static final String REFERENCE_START = "${";
    private static final String ESCAPED_START = "$${";
    private static final String DEFAULT_SEPARATOR = ":-";

    private final Map<String, String> environment;

    EnvironmentSubstitution(Map<String, String> environment) {
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    Substitution apply(String written) {
        StringBuilder text = new StringBuilder(written.length());
        List<String> unset = new ArrayList<>();
        int index = 0;
        while (index < written.length()) {
            if (written.startsWith(ESCAPED_START, index)) {
                text.append(REFERENCE_START);
                index += ESCAPED_START.length();
            } else if (written.startsWith(REFERENCE_START, index)) {
                int end = written.indexOf('}', index);
                if (end < 0) {
                    text.append(written, index, written.length());
                    return new Substitution(text.toString(), unset, true);
                }
                String reference = written.substring(index + REFERENCE_START.length(), end);
                String value = resolve(reference);
                if (value == null) {
                    unset.add(variableName(reference));
                    text.append(written, index, end + 1);
                } else {
                    text.append(value);
                }
                index = end + 1;
            } else {
                text.append(written.charAt(index));
                index++;
            }
        }
        return new Substitution(text.toString(), unset, false);
    }

    /** The reference's value, or null when its variable is unset and it has no default. */
    private String resolve(String reference) {
        int separator = reference.indexOf(DEFAULT_SEPARATOR);
        if (separator < 0) {
            return environment.get(reference);
        }
        String value = environment.get(reference.substring(0, separator));
        return value == null || value.isEmpty() ? reference.substring(separator + DEFAULT_SEPARATOR.length()) : value;
    }

    private static String variableName(String reference) {
        int separator = reference.indexOf(DEFAULT_SEPARATOR);
        return separator < 0 ? reference : reference.substring(0, separator);
    }
}
