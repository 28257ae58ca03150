/**
 * Pieces the built-in record formats ({@code json}, {@code debezium}, {@code canal-json}) share: JSON
 * writing and reading of column values, split role names, the {@code __orderly} extension object and
 * reading a record's transaction mark from its headers. Not an API for other plugins.
 */
package dev.orderly.plugin.format;
