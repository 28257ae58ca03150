package dev.orderly.bench;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.LockSupport;

/**
 * The latency runs' load: transactions of {@code rowsPerTransaction} rows, each one multi-row INSERT
 * on an auto-commit connection, on a fixed schedule of {@code rate} rows a second. Transaction i is
 * due at start + i x rowsPerTransaction / rate; one that is late (the previous commit took too long)
 * is sent at once, none is skipped, so a slow pipeline cannot lower the load it is measured under.
 * The first {@code warmupSeconds} are not measured. A transaction's commit time is this JVM's
 * {@link System#currentTimeMillis} right after its statement returned; every row of it shares it.
 *
 * @param rate rows a second
 * @param rowsPerTransaction rows of each transaction
 * @param warmupSeconds seconds of load before the measured window
 * @param seconds seconds of the measured window
 */
record FixedRateLoad(int rate, int rowsPerTransaction, int warmupSeconds, int seconds) {

    /** Below this share of the asked rate the generator fell behind and the run is marked. */
    static final double ON_SCHEDULE = 0.95;

    FixedRateLoad {
        if (rate < 1 || rowsPerTransaction < 1 || warmupSeconds < 0 || seconds < 1) {
            throw new IllegalArgumentException("a fixed-rate load needs rate >= 1, rowsPerTransaction >= 1, warmupSeconds >= 0 and seconds >= 1 but got "
                    + rate + ", " + rowsPerTransaction + ", " + warmupSeconds + ", " + seconds);
        }
        if (measuredTransactions(rate, rowsPerTransaction, seconds) < 1) {
            throw new IllegalArgumentException("a fixed-rate load of " + rate + " rows/s in transactions of " + rowsPerTransaction
                    + " rows writes no transaction in " + seconds + " s");
        }
    }

    /**
     * What the load wrote and when each transaction committed.
     *
     * @param ids every row written, warm-up included
     * @param warmupTransactions how many of the first transactions are the warm-up
     * @param commitMillis per transaction, the clock when its statement returned
     * @param achievedRate rows a second over the measured window: its rows over the time from its first due time to the later of
     *     its scheduled end and its last commit
     * @param maxLagMillis how late the latest transaction of the measured window was sent, after its due time
     */
    record Committed(FixedRateLoad load, IdRange ids, int warmupTransactions, long[] commitMillis, double achievedRate, double maxLagMillis) {

        Committed {
            if (commitMillis.length * (long) load.rowsPerTransaction() != ids.count()) {
                throw new IllegalArgumentException(commitMillis.length + " commit times do not fit " + ids.count() + " rows in transactions of "
                        + load.rowsPerTransaction());
            }
        }

        /** The rows of the measured window. */
        IdRange measuredIds() {
            return new IdRange(ids.first() + (long) warmupTransactions * load.rowsPerTransaction(), ids.last());
        }

        /** The commit time of row {@code id}. */
        long commitMillis(long id) {
            return commitMillis[ids.index(id) / load.rowsPerTransaction()];
        }

        boolean onSchedule() {
            return achievedRate >= ON_SCHEDULE * load.rate();
        }
    }

    int transactions() {
        return warmupTransactions() + measuredTransactions(rate, rowsPerTransaction, seconds);
    }

    int warmupTransactions() {
        return measuredTransactions(rate, rowsPerTransaction, warmupSeconds);
    }

    long rows() {
        return (long) transactions() * rowsPerTransaction;
    }

    /**
     * Writes the load with ids {@code ids}, which must hold {@link #rows()} ids.
     *
     * @throws SQLException when a statement fails
     */
    Committed run(Statement statement, BenchRows rows, IdRange ids) throws SQLException {
        if (ids.count() != rows()) {
            throw new IllegalArgumentException("the load writes " + rows() + " rows but got the ids " + ids);
        }
        int transactions = transactions();
        int warmup = warmupTransactions();
        long[] commitMillis = new long[transactions];
        double intervalNanos = rowsPerTransaction * 1e9 / rate;
        StringBuilder sql = new StringBuilder();
        long maxLagNanos = 0;
        long start = System.nanoTime();
        for (int i = 0; i < transactions; i++) {
            long due = start + Math.round(i * intervalNanos);
            long now = System.nanoTime();
            while (now < due) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            if (i >= warmup) {
                maxLagNanos = Math.max(maxLagNanos, now - due);
            }
            sql.setLength(0);
            rows.appendInsert(sql, ids.first() + (long) i * rowsPerTransaction, rowsPerTransaction);
            statement.executeUpdate(sql.toString());
            commitMillis[i] = System.currentTimeMillis();
        }
        long windowStart = start + Math.round(warmup * intervalNanos);
        long windowEnd = Math.max(System.nanoTime(), start + Math.round(transactions * intervalNanos));
        double achieved = (double) (transactions - warmup) * rowsPerTransaction / ((windowEnd - windowStart) / 1e9);
        return new Committed(this, ids, warmup, commitMillis, achieved, maxLagNanos / 1e6);
    }

    private static int measuredTransactions(int rate, int rowsPerTransaction, int seconds) {
        return (int) ((long) rate * seconds / rowsPerTransaction);
    }
}
