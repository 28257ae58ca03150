/**
 * Benchmark module only: a window on the Debezium adapter's package-private engine settings, so that
 * the harness's source ceiling and peer use exactly orderly's connector settings.
 */
package dev.orderly.adapter.debezium;
