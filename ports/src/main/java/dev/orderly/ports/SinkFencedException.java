package dev.orderly.ports;

/** Another instance of the same pipeline took over the sink; this one must stop without writing more. */
public final class SinkFencedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SinkFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
