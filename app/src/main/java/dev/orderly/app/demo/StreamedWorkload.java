package dev.orderly.app.demo;

import dev.orderly.domain.verify.CommittedTransaction;
import dev.orderly.sandbox.workload.WorkloadResult;
import java.util.List;
import java.util.Map;

/**
 * A workload streamed through one or more pipelines.
 *
 * @param workload what the writers committed
 * @param history the committed transactions in the order the server lists them
 * @param catchUpMillis per pipeline: from the workload's start until every change was acknowledged
 * @param partitionCounts per pipeline: its topic's partition count
 */
public record StreamedWorkload(WorkloadResult workload, List<CommittedTransaction> history, Map<String, Long> catchUpMillis,
                               Map<String, Integer> partitionCounts) {

    public StreamedWorkload {
        history = List.copyOf(history);
        catchUpMillis = Map.copyOf(catchUpMillis);
        partitionCounts = Map.copyOf(partitionCounts);
    }
}
