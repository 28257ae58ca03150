package dev.orderly.ports.check;

/** The outcome of one preflight check. Only {@link #FAIL} makes the preflight fail. */
public enum CheckStatus {

    /** The check found what orderly needs. */
    PASS,
    /** A fact worth knowing that needs no action, such as the GTID mode. */
    INFO,
    /** Orderly can run, but something is unusual and may need a look. */
    WARN,
    /** Orderly would refuse to start or could not run correctly; the result says how to fix it. */
    FAIL
}
