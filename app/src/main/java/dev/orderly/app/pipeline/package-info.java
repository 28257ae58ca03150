/**
 * The pipeline use case: source, partition rule, format, sink and checkpoint commit, talking to
 * ports only, so that it is unit-tested with in-memory ports and run for real with adapters.
 */
package dev.orderly.app.pipeline;
