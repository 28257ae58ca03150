package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of substituting environment references in one value.
 *
 * @param text the value with every set reference replaced; unset references are left as written
 * @param unsetVariables the variables referenced without a default that are not set, in order
 * @param unclosed whether a {@code ${} has no closing {@code }}
 */
record Substitution(String text, List<String> unsetVariables, boolean unclosed) {

    Substitution {
        requireNonNull(text, "text is null");
        unsetVariables = List.copyOf(unsetVariables);
    }

    boolean complete() {
        return unsetVariables.isEmpty() && !unclosed;
    }
}
