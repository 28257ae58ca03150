/**
 * The {@code debezium} record format (docs/FORMAT.md): Debezium's MySQL change-event envelope as its
 * JSON converter writes it with schemas disabled, so existing Debezium consumers read orderly's topic.
 */
package dev.orderly.plugin.debezium;
