package dev.orderly.adapter.debezium;

import com.github.shyiko.mysql.binlog.network.ServerException;
import dev.orderly.domain.change.SourcePosition;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The database no longer has the binlog orderly must resume from: the server purged it while orderly
 * was stopped or disconnected. orderly never starts elsewhere on its own, since every change in
 * between would be missing from the topic without a trace.
 *
 * <p>Debezium reports it at start as a {@code DebeziumException} "The connector is trying to read
 * change stream starting at ..., but this is no longer available on the server. Reconfigure the
 * connector to use a snapshot mode when needed." ({@code snapshot.mode=no_data} does not snapshot on
 * that error); a server that purges while the binlog client connects answers with error 1236.
 */
public final class PurgedBinlogException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final String DEBEZIUM_SAYS = "but this is no longer available on the server";
    /** ER_MASTER_FATAL_ERROR_READING_BINLOG: also sent for other fatal read errors, so its message decides. */
    private static final int FATAL_BINLOG_READ = 1236;

    private PurgedBinlogException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code failure} in orderly's terms when one of its causes says the binlog is purged; otherwise
     * {@code failure} itself.
     *
     * @param position where the engine was asked to resume
     * @param checkpoint whether that position is the pipeline's checkpoint, or a position the source
     *     reached since (a reconnect)
     * @param stateDirectory the pipeline's state directory
     */
    static Throwable explain(Throwable failure, Optional<SourcePosition> position, boolean checkpoint, Path stateDirectory) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (isPurge(cause)) {
                String where = position.map(SourcePosition::description).orElse("(none: the current end of the binlog)");
                return new PurgedBinlogException("The source no longer has the binlog at " + (checkpoint ? "the checkpoint position " : "the position ")
                        + where + " (purged by the server). orderly will not skip changes silently. To continue: if the purged binlog files are"
                        + " still at hand, restore them on the server and restart orderly; otherwise start this pipeline afresh by deleting its"
                        + " checkpoint (checkpoint.properties in " + stateDirectory + ") after re-syncing the topic's consumers from a copy of the"
                        + " tables, since the changes in between will never reach the topic. To keep it from happening again, keep binlogs"
                        + " longer than orderly may be stopped (binlog_expire_logs_seconds).", failure);
            }
        }
        return failure;
    }

    /** Whether this throwable, not its causes, says that the binlog at the requested position is gone. */
    static boolean isPurge(Throwable throwable) {
        String message = throwable.getMessage() == null ? "" : throwable.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains(DEBEZIUM_SAYS)) {
            return true;
        }
        return throwable instanceof ServerException serverError && serverError.getErrorCode() == FATAL_BINLOG_READ
                && (message.contains("purged") || message.contains("could not find first log file") || message.contains("could not find gtid state"));
    }
}
