package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a configuration.
 *
 * @param path the key path, e.g. {@code partition.mode}
 * @param found what was found there, quoted as written ({@code "(missing)"} when absent)
 * @param allowed what is allowed there
 * @param fix how to fix it
 */
public record ConfigProblem(String path, String found, String allowed, String fix) {

    public ConfigProblem {
        requireNonNull(path, "path is null");
        requireNonNull(found, "found is null");
        requireNonNull(allowed, "allowed is null");
        requireNonNull(fix, "fix is null");
    }

    @Override
    public String toString() {
        return path + ": found " + found + "; allowed: " + allowed + ". Fix: " + fix;
    }
}
