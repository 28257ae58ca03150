/** The {@code orderly} command line (picocli): {@code run}, {@code demo}. */
package dev.orderly.app.cli;
