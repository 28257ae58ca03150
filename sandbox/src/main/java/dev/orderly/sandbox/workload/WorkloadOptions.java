package dev.orderly.sandbox.workload;

import static java.util.Objects.requireNonNull;

/**
 * How much the sample workload writes.
 *
 * @param database the database it writes to
 * @param writers concurrent writer connections, at least 1
 * @param changes committed row changes to reach, at least 1
 * @param seed the random seed; each writer derives its own
 * @param rollbackPercent the share of transactions deliberately rolled back, 0-100
 * @param runLabel distinguishes the transaction tags of several runs on one database; may be empty
 */
public record WorkloadOptions(String database, int writers, int changes, long seed, int rollbackPercent, String runLabel) {

    public WorkloadOptions {
        requireNonNull(database, "database is null");
        requireNonNull(runLabel, "runLabel is null");
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be >= 1 but got " + writers);
        }
        if (changes < 1) {
            throw new IllegalArgumentException("changes must be >= 1 but got " + changes);
        }
        if (rollbackPercent < 0 || rollbackPercent > 100) {
            throw new IllegalArgumentException("rollbackPercent must be in [0, 100] but got " + rollbackPercent);
        }
    }

    /** A single run on its database. */
    public WorkloadOptions(String database, int writers, int changes, long seed, int rollbackPercent) {
        this(database, writers, changes, seed, rollbackPercent, "");
    }
}
