/**
 * The {@code table} partition rule, an example drop-in plugin: every change of a table goes to one
 * partition, chosen by hashing the table's name or pinned in the rule's options. It uses only the
 * plugin SPI ({@code dev.orderly.ports.spi}) and the domain, which the host shares with plugins.
 */
package dev.orderly.plugin.table;
