package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

/**
 * One key of a configuration section, declared once with what it allows and an example value, so
 * that every problem about the key (missing, wrong type, bad value) describes it the same way.
 *
 * @param name the key as written in the file, kebab-case
 * @param allowed what the key allows, e.g. {@code an integer from 1 to 65535}
 * @param example a valid value, used in fixes such as {@code add 'port: 3306' under source:}
 */
record Key(String name, String allowed, String example) {

    Key {
        requireNonNull(name, "name is null");
        requireNonNull(allowed, "allowed is null");
        requireNonNull(example, "example is null");
    }
}
