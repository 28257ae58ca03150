/**
 * Guice wiring: the one place that knows the concrete adapters. Everything else in {@code app} talks
 * to ports.
 */
package dev.orderly.app.wiring;
