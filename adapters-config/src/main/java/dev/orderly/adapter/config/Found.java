package dev.orderly.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Describes a value of the YAML tree for the {@code found} part of a problem. */
final class Found {

    static final String MISSING = "(missing)";
    static final String NO_VALUE = "(no value)";
    /** A secret written into the file itself; what it is must not be repeated. */
    static final String LITERAL = "a literal value";

    private static final int LONGEST_SHOWN = 60;

    private Found() {
    }

    /** The node as the user would recognise it: strings quoted, numbers as read, lists and maps named as such. */
    static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return MISSING;
        }
        if (node.isNull()) {
            return NO_VALUE;
        }
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isArray()) {
            return "a list " + shortened(node.toString());
        }
        if (node.isObject()) {
            return "a map " + shortened(node.toString());
        }
        // Jackson has already read numbers and booleans: 0123 shows as 83, yes as true.
        return node.asText();
    }

    static String quote(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    private static String shortened(String text) {
        return text.length() <= LONGEST_SHOWN ? text : text.substring(0, LONGEST_SHOWN) + "...";
    }
}
