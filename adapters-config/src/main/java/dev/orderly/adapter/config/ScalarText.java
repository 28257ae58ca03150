package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

/**
 * A string value as written in the file and as it reads after environment substitution.
 *
 * @param written the text in the file, e.g. {@code ${ORDERLY_PORT}}
 * @param value the text after substitution, e.g. {@code 3306}
 */
record ScalarText(String written, String value) {

    ScalarText {
        requireNonNull(written, "written is null");
        requireNonNull(value, "value is null");
    }

    /** The value for a problem's {@code found}: quoted, and with the written text when substitution changed it. */
    String found() {
        return written.equals(value) ? Found.quote(value) : Found.quote(value) + " (from " + Found.quote(written) + ")";
    }
}
