/**
 * Topics written as orderly writes them, without a database or a pipeline: scripted transactions,
 * schema changes and watermarks, routed, numbered and formatted by the production code, for tests of
 * what reads topics ({@code orderly verify}) and for planting faults in them.
 */
package dev.orderly.sandbox.topic;
