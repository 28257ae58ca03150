package dev.orderly.ports;

/** A topic cannot be read: it does not exist, or its brokers cannot be reached. The message names both. */
public final class TopicUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TopicUnavailableException(String message) {
        super(message);
    }

    public TopicUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
