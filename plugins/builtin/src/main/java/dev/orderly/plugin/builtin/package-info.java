/**
 * The built-in partition rules, {@code one_partition} and {@code hash}, registered through
 * {@code META-INF/services} like any plugin. Their logic is the domain's pure functions.
 */
package dev.orderly.plugin.builtin;
