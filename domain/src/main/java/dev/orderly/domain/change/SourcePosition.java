package dev.orderly.domain.change;

import static java.util.Objects.requireNonNull;

/**
 * An opaque resume point in the source, produced and understood by the source adapter only. The
 * pipeline stores it with the checkpoint and hands it back at start.
 *
 * @param token the adapter's serialized position
 * @param description a short human-readable form for logs and errors (file:pos, GTID set)
 */
public record SourcePosition(String token, String description) {

    public SourcePosition {
        requireNonNull(token, "token is null");
        requireNonNull(description, "description is null");
    }

    @Override
    public String toString() {
        return description;
    }
}
