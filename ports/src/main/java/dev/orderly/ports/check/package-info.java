/**
 * What a preflight check found ({@code orderly check}): one {@link dev.orderly.ports.check.CheckResult}
 * per check, with what was found and, when something must change, the fix. Adapters produce them for
 * their technology (the source database, the Kafka broker); the application collects and prints them.
 */
package dev.orderly.ports.check;
