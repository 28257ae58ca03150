/** Local, file-based storage of the pipeline's checkpoint. */
package dev.orderly.app.state;
