package dev.orderly.app.demo;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run the scenario.
 *
 * @param database the database the workload writes
 * @param writers concurrent writers
 * @param changes committed changes to reach
 * @param seed random seed of the workload
 * @param hashPartitions the partition count of the hash topic
 * @param modes the partition modes to stream, each with its own pipeline and topic
 * @param stateRoot where the pipelines keep their state
 */
public record ScenarioOptions(String database, int writers, int changes, long seed, int hashPartitions, List<String> modes, Path stateRoot) {

    public ScenarioOptions {
        requireNonNull(database, "database is null");
        requireNonNull(stateRoot, "stateRoot is null");
        modes = List.copyOf(modes);
        if (hashPartitions < 1) {
            throw new IllegalArgumentException("hashPartitions must be >= 1 but got " + hashPartitions);
        }
    }
}
