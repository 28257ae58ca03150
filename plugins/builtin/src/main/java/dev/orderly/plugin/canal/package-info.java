/**
 * The {@code canal-json} record format (docs/FORMAT.md): Alibaba Canal's flat message, with column
 * values as text, so existing Canal consumers read orderly's topic.
 */
package dev.orderly.plugin.canal;
