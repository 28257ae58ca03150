/**
 * The typed, validated settings of a pipeline, as read from {@code config.yaml} by the config
 * adapter, and the error that reports every problem of a configuration at once.
 */
package dev.orderly.ports.config;
