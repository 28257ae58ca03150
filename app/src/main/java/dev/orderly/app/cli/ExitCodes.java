package dev.orderly.app.cli;

/** The exit codes of every orderly command. */
final class ExitCodes {

    /** Success; for demo and verify: no violation. */
    static final int OK = 0;
    /** The pipeline failed while running, or a check found violations. */
    static final int FAILED = 1;
    /** Bad usage, an invalid configuration, or a refusal to start; nothing was written. */
    static final int INVALID = 2;

    private ExitCodes() {
    }
}
