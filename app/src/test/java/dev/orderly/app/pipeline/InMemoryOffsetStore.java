package dev.orderly.app.pipeline;

import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.OffsetStorePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps every committed checkpoint in memory. */
final class InMemoryOffsetStore implements OffsetStorePort {

    final List<Checkpoint> commits = new ArrayList<>();
    private final Checkpoint initial;

    InMemoryOffsetStore(Checkpoint initial) {
        this.initial = initial;
    }

    @Override
    public synchronized Optional<Checkpoint> load() {
        return commits.isEmpty() ? Optional.ofNullable(initial) : Optional.of(commits.get(commits.size() - 1));
    }

    @Override
    public synchronized void commit(Checkpoint checkpoint) {
        commits.add(checkpoint);
    }

    synchronized Optional<Checkpoint> last() {
        return commits.isEmpty() ? Optional.empty() : Optional.of(commits.get(commits.size() - 1));
    }
}
