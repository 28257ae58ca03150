package dev.orderly.app.pipeline;

import java.util.List;

/** The pipeline cannot start; the message lists every reason and its fix. Nothing was written. */
public final class PipelineStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PipelineStartException(List<String> reasons) {
        super(reasons.size() == 1
                ? "orderly cannot start: " + reasons.get(0)
                : "orderly cannot start, for " + reasons.size() + " reasons:" + System.lineSeparator() + "  - "
                        + String.join(System.lineSeparator() + "  - ", reasons));
    }
}
