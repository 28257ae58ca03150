package dev.orderly.app.plugins;

import java.util.List;

/**
 * The plugin directory or a plugin in it cannot be used: it is missing, a plugin has no partition
 * rule or one that fails to load, or two rules share an identifier. The message lists every
 * problem found in one pass, each naming the class and the file involved. Nothing is loaded then;
 * the command line reports it as invalid usage (exit code 2).
 */
public final class PluginLoadingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public PluginLoadingException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, one sentence each, in loading order. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder message = new StringBuilder("Partition rules cannot be loaded; ").append(problems.size()).append(" problems:");
        problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
        return message.toString();
    }
}
