/** The default record format, {@code json} (docs/FORMAT.md). */
package dev.orderly.plugin.json;
