/** The orderly application: the pipeline use case, its wiring, the command line and the demo. */
package dev.orderly.app;
