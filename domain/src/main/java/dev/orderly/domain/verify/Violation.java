package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.TreeSet;

/**
 * One breach of the ordering contract, with the evidence.
 *
 * @param rule the rule broken: {@code O1}-{@code O5}, {@code H1}-{@code H6} (DESIGN.md §1; {@code H5} for
 *     watermarks and {@code H6} for schema versions in either mode), {@code LOST}
 *     (a committed transaction has no record), {@code EXTRA} (a transaction in the topic was never
 *     committed), {@code DUPLICATE} (a record seen twice), {@code MISMATCH} (a transaction's changes
 *     differ from what was committed) or {@code UNREADABLE} (a record its reader cannot decode; reported
 *     by readers of topics, never by the verifier)
 * @param partition the partition of the offending record; -1 when no record can be pointed at
 * @param offset the offset of the offending record; -1 when no record can be pointed at
 * @param message what is wrong, quoting transaction ids, seq, indices, keys and the offsets involved
 */
public record Violation(String rule, int partition, long offset, String message) {

    /** Every value {@link #rule} can take. */
    public static final Set<String> RULES = Set.of("O1", "O2", "O3", "O4", "O5", "H1", "H2", "H3", "H4", "H5", "H6",
            "LOST", "EXTRA", "DUPLICATE", "MISMATCH", "UNREADABLE");

    public Violation {
        requireNonNull(rule, "rule is null");
        requireNonNull(message, "message is null");
        if (!RULES.contains(rule)) {
            throw new IllegalArgumentException("rule must be one of " + new TreeSet<>(RULES) + " but got '" + rule + "'");
        }
        if (partition < -1) {
            throw new IllegalArgumentException("partition must be >= -1 but got " + partition);
        }
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be >= -1 but got " + offset);
        }
    }

    static Violation at(String rule, ConsumedRecord record, String message) {
        return new Violation(rule, record.partition(), record.offset(), message);
    }

    static Violation at(String rule, ControlRecord control, String message) {
        return new Violation(rule, control.partition(), control.offset(), message);
    }

    static Violation nowhere(String rule, String message) {
        return new Violation(rule, -1, -1, message);
    }

    @Override
    public String toString() {
        String where = partition < 0 ? "" : " at partition " + partition + " offset " + offset;
        return rule + where + ": " + message;
    }
}
