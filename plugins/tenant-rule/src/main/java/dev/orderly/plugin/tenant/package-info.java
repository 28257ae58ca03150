/**
 * The {@code tenant} partition rule, an example drop-in plugin: changes are placed by the value of a
 * tenant column, through a fixed tenant-to-partition map with a hash fallback. It uses only the
 * plugin SPI ({@code dev.orderly.ports.spi}) and the domain, which the host shares with plugins.
 */
package dev.orderly.plugin.tenant;
