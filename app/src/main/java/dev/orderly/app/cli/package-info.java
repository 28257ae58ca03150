/** The {@code orderly} command line (picocli): {@code run}, {@code verify}, {@code plugins}, {@code demo}. */
package dev.orderly.app.cli;
