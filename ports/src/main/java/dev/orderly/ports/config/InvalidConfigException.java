package dev.orderly.ports.config;

import java.util.List;

/** A configuration with one or more problems; the message lists every one of them. */
public final class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(String source, List<ConfigProblem> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(String source, List<ConfigProblem> problems) {
        StringBuilder message = new StringBuilder()
                .append(source).append(" has ").append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (ConfigProblem problem : problems) {
            message.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return message.toString();
    }
}
