package dev.orderly.app.pipeline;

/** The pipeline stopped because of an error; the last committed checkpoint is intact. */
public final class PipelineFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PipelineFailedException(String message) {
        super(message);
    }

    public PipelineFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
