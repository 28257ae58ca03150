package dev.orderly.app.demo;

import dev.orderly.domain.verify.VerificationReport;
import java.util.List;

/**
 * The outcome of one mode.
 *
 * @param mode the partition mode
 * @param topic the topic it wrote
 * @param partitionCount the topic's partition count
 * @param verification the verifier's report against the committed history
 * @param replayProblems differences between the replayed records and the source tables; empty when equal
 * @param catchUpMillis from the workload's start until the pipeline had every change acknowledged
 */
public record ModeReport(String mode, String topic, int partitionCount, VerificationReport verification, List<String> replayProblems, long catchUpMillis) {

    public ModeReport {
        replayProblems = List.copyOf(replayProblems);
    }

    public boolean clean() {
        return verification.clean() && replayProblems.isEmpty();
    }
}
