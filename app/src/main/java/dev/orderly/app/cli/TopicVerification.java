package dev.orderly.app.cli;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.ports.TopicExtent;
import java.time.Duration;

/**
 * What {@code orderly verify} checked and what it found.
 *
 * @param extent the topic and the offsets read
 * @param mode the mode the topic was checked against
 * @param modeFromPartitionCount whether the mode was chosen by the topic's partition count, not by {@code --mode}
 * @param format the identifier of the records' format
 * @param exactlyOnce whether repeats were violations ({@code --exactly-once}), not replays
 * @param writerStopped whether nothing could be in flight ({@code --writer-stopped})
 * @param report the verifier's report, the undecodable records among its violations
 * @param elapsed how long reading and checking took
 */
record TopicVerification(TopicExtent extent, PartitionMode mode, boolean modeFromPartitionCount, String format, boolean exactlyOnce,
                         boolean writerStopped, VerificationReport report, Duration elapsed) {

    TopicVerification {
        requireNonNull(extent, "extent is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(format, "format is null");
        requireNonNull(report, "report is null");
        requireNonNull(elapsed, "elapsed is null");
    }
}
