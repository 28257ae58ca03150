package dev.orderly.adapter.debezium;

import com.github.shyiko.mysql.binlog.network.ServerException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a stopped engine is worth another one: only when it lost its connection to the
 * database (a restart, a network break), and only until the database has been unreachable for
 * {@link #GIVE_UP_AFTER}. Debezium's own restart does not serve: its MySQL and MariaDB error handlers
 * treat no lost connection as retriable (3.5.0: {@code isRetriable} walks the causes to {@code null}
 * before asking the base class), and a restarted task would read its offsets back from
 * {@link CheckpointOffsetStore}, i.e. replay from the checkpoint what the pipeline already has.
 *
 * <p>Thread-safe.
 */
final class SourceReconnects {

    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

    private static final Duration FIRST_DELAY = Duration.ofMillis(500);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(5);
    /** MySQL's "server shutdown in progress", sent to connected clients by a server that stops. */
    private static final int SERVER_SHUTDOWN = 1053;
    /**
     * How the JDBC drivers say that no connection could be made (MySQL Connector/J, MariaDB
     * Connector/J). Debezium's connection check at engine start passes on only the message
     * ("Connector configuration is not valid. Unable to connect: Communications link failure ..."),
     * not the exception.
     */
    private static final List<String> CANNOT_CONNECT = List.of("communications link failure", "connection refused", "socket fail to connect",
            "could not connect to address");

    private long lostSinceNanos = -1;
    private Duration delay = FIRST_DELAY;

    /**
     * After an engine stopped with {@code failure}: how long to wait before starting another one, or
     * empty when the failure is no lost connection or the database has been away too long.
     */
    synchronized Optional<Duration> next(Throwable failure) {
        if (!isConnectionLoss(failure)) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (lostSinceNanos < 0) {
            lostSinceNanos = now;
        }
        if (now - lostSinceNanos > GIVE_UP_AFTER.toNanos()) {
            return Optional.empty();
        }
        Duration next = delay;
        delay = delay.multipliedBy(2).compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay.multipliedBy(2);
        return Optional.of(next);
    }

    /** The source delivered again: a later loss starts a new count. */
    synchronized void delivered() {
        lostSinceNanos = -1;
        delay = FIRST_DELAY;
    }

    /**
     * Whether a cause of {@code failure} says the connection to the database broke or could not be
     * made; a server that answered with an error (a refused login, a purged binlog) is no lost connection.
     */
    static boolean isConnectionLoss(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (PurgedBinlogException.isPurge(cause)) {
                return false;
            }
            if (cause instanceof ServerException serverError) {
                return serverError.getErrorCode() == SERVER_SHUTDOWN;
            }
            if (cause instanceof SQLRecoverableException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sqlError && sqlError.getSQLState() != null && sqlError.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause instanceof IOException) {
                return true;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (CANNOT_CONNECT.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }
}
