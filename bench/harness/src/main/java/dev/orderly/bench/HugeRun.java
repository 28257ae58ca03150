package dev.orderly.bench;

/**
 * One orderly run over the huge transaction.
 *
 * @param measurement the run, as for a backlog (rows/s, checks)
 * @param heapLimit its {@code -Xmx}
 * @param peakHeapAfterGcMegabytes the highest heap occupancy a collection left (from its {@code -Xlog:gc} file); NaN without one
 */
record HugeRun(Measurement measurement, String heapLimit, double peakHeapAfterGcMegabytes) {
}
