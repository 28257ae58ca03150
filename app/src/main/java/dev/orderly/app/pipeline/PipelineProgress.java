package dev.orderly.app.pipeline;

/**
 * A snapshot of a running pipeline's counters.
 *
 * @param transactions source transactions handed to the sink
 * @param records records handed to the sink
 * @param acknowledgedSeq the highest seq up to which every transaction is acknowledged
 * @param committedSeq the seq of the last committed checkpoint
 */
public record PipelineProgress(long transactions, long records, long acknowledgedSeq, long committedSeq) {
}
