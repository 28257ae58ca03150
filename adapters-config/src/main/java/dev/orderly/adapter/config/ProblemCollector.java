package dev.orderly.adapter.config;

import dev.orderly.ports.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the problems of one configuration, in the order they are found, and keeps secrets out
 * of them.
 *
 * <p>Problems end up in exception messages and logs, so the {@code found} value is replaced by
 * {@code ***} at {@code source.password} and at any key path that names a secret (a Debezium or
 * producer setting such as {@code sasl.jaas.config} or {@code ssl.key.password}). Fixes never
 * repeat the value. Not thread-safe: one collector per load.
 */
final class ProblemCollector {

    static final String MASK = "***";

    private static final List<String> SECRET_WORDS = List.of("password", "secret", "jaas", "credential", "token");

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void add(String path, String found, String allowed, String fix) {
        problems.add(new ConfigProblem(path, masked(path, found), allowed, fix));
    }

    /** Adds problems found by someone else (the sink's producer check), masking them the same way. */
    void addAll(List<ConfigProblem> others) {
        others.forEach(problem -> add(problem.path(), problem.found(), problem.allowed(), problem.fix()));
    }

    /** Something allowed but unsafe, to be logged once the file is read; never a secret. */
    void warn(String warning) {
        warnings.add(warning);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    private static String masked(String path, String found) {
        boolean described = found.equals(Found.MISSING) || found.equals(Found.NO_VALUE) || found.equals(Found.LITERAL);
        return !described && namesSecret(path) ? MASK : found;
    }

    private static boolean namesSecret(String path) {
        String lowerPath = path.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lowerPath::contains);
    }
}
