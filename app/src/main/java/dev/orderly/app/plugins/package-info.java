/** Finds partition rules and record formats through {@link java.util.ServiceLoader}, built-ins included. */
package dev.orderly.app.plugins;
