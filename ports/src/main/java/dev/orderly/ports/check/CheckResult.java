package dev.orderly.ports.check;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The outcome of one preflight check.
 *
 * @param name what was checked, short and stable, e.g. {@code binlog_format} or {@code privilege REPLICATION SLAVE}
 * @param status the outcome
 * @param detail what was found, quoting the values seen (e.g. {@code found STATEMENT}); may span lines
 * @param fix how to fix it: present only for {@link CheckStatus#WARN} and {@link CheckStatus#FAIL}, and
 *     absent there too when {@code detail} is a message that already ends with its fix (such as the
 *     refusals {@code orderly run} prints, which the preflight repeats word for word)
 */
public record CheckResult(String name, CheckStatus status, String detail, Optional<String> fix) {

    public CheckResult {
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(fix, "fix is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but got '" + name + "'");
        }
        if (detail.isBlank()) {
            throw new IllegalArgumentException("detail of check " + name + " must say what was found but is blank");
        }
        if (fix.isPresent() && (status == CheckStatus.PASS || status == CheckStatus.INFO)) {
            throw new IllegalArgumentException("a " + status + " result has nothing to fix but check " + name + " got the fix '" + fix.get() + "'");
        }
        if (fix.isPresent() && fix.get().isBlank()) {
            throw new IllegalArgumentException("fix of check " + name + " must not be blank; leave it empty instead");
        }
    }

    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, CheckStatus.PASS, detail, Optional.empty());
    }

    public static CheckResult info(String name, String detail) {
        return new CheckResult(name, CheckStatus.INFO, detail, Optional.empty());
    }

    public static CheckResult warn(String name, String detail, String fix) {
        return new CheckResult(name, CheckStatus.WARN, detail, Optional.of(fix));
    }

    public static CheckResult fail(String name, String detail, String fix) {
        return new CheckResult(name, CheckStatus.FAIL, detail, Optional.of(fix));
    }

    /** A failure whose message already says how to fix it, such as a refusal {@code orderly run} would print. */
    public static CheckResult failExplained(String name, String message) {
        return new CheckResult(name, CheckStatus.FAIL, message, Optional.empty());
    }

    /**
     * Runs one check so that it cannot stop the others: a check that throws becomes a failure of
     * {@code name} quoting the exception.
     */
    public static CheckResult guarded(String name, Supplier<CheckResult> check) {
        try {
            return requireNonNull(check.get(), "check " + name + " returned null");
        } catch (RuntimeException e) {
            return failExplained(name, "could not be checked: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    public boolean failed() {
        return status == CheckStatus.FAIL;
    }
}
