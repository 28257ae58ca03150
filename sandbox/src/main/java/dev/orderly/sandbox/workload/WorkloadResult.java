package dev.orderly.sandbox.workload;

import dev.orderly.domain.verify.CommittedTransaction;
import java.time.Duration;
import java.util.Map;

/**
 * What the sample workload did.
 *
 * @param journal every committed transaction with at least one change, by its tag
 * @param changes committed row changes
 * @param rolledBack transactions rolled back on purpose
 * @param conflicts transactions rolled back after a deadlock, lock timeout or duplicate key
 * @param elapsed how long the writers ran
 */
public record WorkloadResult(Map<String, CommittedTransaction> journal, long changes, long rolledBack, long conflicts, Duration elapsed) {

    public WorkloadResult {
        journal = Map.copyOf(journal);
    }

    public long transactions() {
        return journal.size();
    }
}
