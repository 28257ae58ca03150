package dev.orderly.adapter.debezium;

import dev.orderly.domain.change.SourcePosition;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * The engine's offset store, read-only: it answers with orderly's checkpoint and ignores the engine's
 * own offset flushes, because orderly commits a position only after Kafka acknowledged everything
 * before it (D1). The engine instantiates this class by name, so the checkpoint reaches it through a
 * registry keyed by {@link #REGISTRY_KEY}.
 */
public final class CheckpointOffsetStore implements OffsetBackingStore {

    /** Engine property that names this engine's entry in the registry. */
    static final String REGISTRY_KEY = "orderly.checkpoint.registry-key";

    private static final Map<String, Optional<SourcePosition>> REGISTRY = new ConcurrentHashMap<>();

    private Optional<SourcePosition> resumeAfter = Optional.empty();

    static void register(String key, Optional<SourcePosition> resumeAfter) {
        REGISTRY.put(key, resumeAfter);
    }

    static void unregister(String key) {
        REGISTRY.remove(key);
    }

    @Override
    public void configure(WorkerConfig config) {
        Object key = config.originals().get(REGISTRY_KEY);
        Optional<SourcePosition> registered = key == null ? null : REGISTRY.get(key.toString());
        if (registered == null) {
            throw new IllegalStateException("no checkpoint is registered for engine key " + key + "; the source adapter must register it before starting the engine");
        }
        this.resumeAfter = registered;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> values = new HashMap<>();
        // One connector task, one source partition: every key the engine asks for is that partition.
        resumeAfter.ifPresent(position -> keys.forEach(key -> values.put(key, ByteBuffer.wrap(PositionCodec.offsetBytes(position)))));
        return CompletableFuture.completedFuture(values);
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
