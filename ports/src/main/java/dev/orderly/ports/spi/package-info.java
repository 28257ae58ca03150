/**
 * The partition-rule SPI: what a plugin implements to add a {@code partition.mode}. Built-in rules
 * ({@code one_partition}, {@code hash}) implement it too.
 */
package dev.orderly.ports.spi;
