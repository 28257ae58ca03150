/**
 * The demo scenario, also run by the integration tests: a concurrent workload streamed in both
 * modes, read back, checked with the order verifier against the commit order the server lists, and
 * replayed against the source tables' final contents.
 */
package dev.orderly.app.demo;
