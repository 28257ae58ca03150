package dev.orderly.sandbox;

/**
 * A sandbox server could not be prepared, started, stopped or used. The message says which server and
 * which step failed and, where there is one, ends with the last lines of the server's log.
 */
public final class SandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for an operator
     */
    public SandboxException(String message) {
        super(message);
    }

    /**
     * @param message what failed, for an operator
     * @param cause the underlying failure
     */
    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
