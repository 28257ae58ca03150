package dev.orderly.bench;

/**
 * One contender's run over one backlog.
 *
 * @param workload the backlog's name
 * @param contender what ran
 * @param repetition 1, 2, …; 0 for the profiling run
 * @param rows the backlog's rows
 * @param seconds from the launch of the contender's JVM to the last row delivered (Kafka contenders: the broker's append time
 *     of the last row; the engine alone: the moment its consumer took the last row)
 * @param steadySeconds from the first row delivered to the last
 * @param cpuSeconds the contender JVM's user + system CPU time when it was done
 * @param valid whether the run completed and its output passed every check
 * @param check what the output checks found (or why the run failed)
 * @param log the contender's log file
 */
record Measurement(String workload, Contender contender, int repetition, long rows, double seconds, double steadySeconds, double cpuSeconds,
                   boolean valid, String check, String log) {

    static Measurement failed(String workload, Contender contender, int repetition, long rows, String why, String log) {
        return new Measurement(workload, contender, repetition, rows, Double.NaN, Double.NaN, Double.NaN, false, why, log);
    }

    /** The same run, counted invalid (a check outside the topic scan failed). */
    Measurement invalid() {
        return new Measurement(workload, contender, repetition, rows, seconds, steadySeconds, cpuSeconds, false, check, log);
    }

    double rowsPerSecond() {
        return rows / seconds;
    }

    double steadyRowsPerSecond() {
        return steadySeconds > 0 ? (rows - 1) / steadySeconds : Double.NaN;
    }

    double rowsPerCpuSecond() {
        return rows / cpuSeconds;
    }
}
