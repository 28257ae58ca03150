package dev.orderly.app.metrics;

import static java.util.Objects.requireNonNull;

import dev.orderly.app.pipeline.PipelineRun;
import java.util.Optional;

/**
 * What {@code /health} and {@code /ready} answer.
 *
 * @param live whether the process works as it should: false once the pipeline failed ({@code /health} answers 503)
 * @param ready whether the pipeline streams the live binlog and nothing failed ({@code /ready} answers 200)
 * @param status a short word: starting, snapshot, streaming, stopping, failed
 * @param detail what is going on, e.g. the failure's message
 */
public record Health(boolean live, boolean ready, String status, String detail) {

    public Health {
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
        if (ready && !live) {
            throw new IllegalArgumentException("a pipeline that is not live cannot be ready");
        }
    }

    public static Health starting() {
        return new Health(true, false, "starting", "the pipeline is starting");
    }

    /** How a started run stands: failed, stopping, streaming the live binlog, or still starting (or taking its snapshot). */
    public static Health of(PipelineRun run) {
        Optional<Throwable> failure = run.failure();
        if (failure.isPresent()) {
            return new Health(false, false, "failed", String.valueOf(failure.get().getMessage()));
        }
        if (run.stopping()) {
            return new Health(true, false, "stopping", "the pipeline is stopping");
        }
        if (run.streaming().isDone()) {
            return new Health(true, true, "streaming", "reading the live binlog");
        }
        return new Health(true, false, "starting", "the source is connecting or taking its initial snapshot");
    }

    /** The body both endpoints send: one JSON object. */
    String json() {
        return "{\"status\":\"" + escape(status) + "\",\"live\":" + live + ",\"ready\":" + ready + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
