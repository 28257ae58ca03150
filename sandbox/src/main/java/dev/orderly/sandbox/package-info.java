/**
 * Real servers for the {@code orderly demo} command and the integration tests: a Kafka broker
 * ({@link dev.orderly.sandbox.EmbeddedKafka}), MySQL 8.0 ({@link dev.orderly.sandbox.EmbeddedMySql})
 * and MariaDB 11.4 ({@link dev.orderly.sandbox.EmbeddedMariaDb}), both databases behind
 * {@link dev.orderly.sandbox.EmbeddedDatabase}.
 *
 * <p>All servers come from Maven Central artifacts, run as child processes of the current JVM, listen
 * on 127.0.0.1 only, on random free ports, and keep their data and logs in a work directory chosen by
 * the caller. Each one is stopped through its own {@link java.lang.Process} handle (never by name),
 * and a JVM shutdown hook stops whatever the caller forgot. Failures surface as
 * {@link dev.orderly.sandbox.SandboxException} with the tail of the server's log.
 *
 * <p>The MySQL binaries and an initialized data directory are cached under
 * {@code ${user.home}/.cache/orderly} (override with the system property
 * {@code orderly.sandbox.cache-dir}); MySQL needs the Debian packages
 * that {@code scripts/setup-machine} installs.
 */
package dev.orderly.sandbox;
