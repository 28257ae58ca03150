/**
 * Reads {@code config.yaml} into validated {@link dev.orderly.ports.config.OrderlySettings}.
 *
 * <p>{@link dev.orderly.adapter.config.YamlConfigLoader} is the entry point. It parses the file
 * into a Jackson tree, substitutes {@code ${NAME}} environment and {@code ${file:PATH}} file
 * references (secrets must be written as one of them), and checks every key in
 * one pass: each problem found (unknown key, missing key, wrong type, bad value) is collected with
 * its key path, the value found, what is allowed and how to fix it, and all of them are reported
 * together in one {@link dev.orderly.ports.config.InvalidConfigException}.
 *
 * <p>The other types are package-private helpers: one reader per section ({@code source:},
 * {@code sink:}, {@code partition:} with its {@code rules:} and the rules' {@code options:}) on top
 * of {@code ConfigSection} and {@code ValueReader}, which do the typed reads and record problems in a
 * {@code ProblemCollector}.
 */
package dev.orderly.adapter.config;
