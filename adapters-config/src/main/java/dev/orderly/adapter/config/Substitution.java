package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of substituting environment references in one value.
 *
 * @param text the value with every set reference replaced; unset references are left as written
 * @param unsetVariables the variables referenced without a default that are not set, in order
 * @param unclosed whether a {@code ${} has no closing {@code }}
 * @param unreadableFiles why each {@code ${file:PATH}} that could not be read failed, naming the file
 */
record Substitution(String text, List<String> unsetVariables, boolean unclosed, List<String> unreadableFiles) {

    Substitution {
        requireNonNull(text, "text is null");
        unsetVariables = List.copyOf(unsetVariables);
        unreadableFiles = List.copyOf(unreadableFiles);
    }

    /** A substitution that read no file. */
    Substitution(String text, List<String> unsetVariables, boolean unclosed) {
        this(text, unsetVariables, unclosed, List.of());
    }

    boolean complete() {
        return unsetVariables.isEmpty() && !unclosed && unreadableFiles.isEmpty();
    }
}
