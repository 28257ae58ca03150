package dev.orderly.adapter.debezium;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import dev.orderly.ports.SourceListener;
import dev.orderly.ports.SourcePort;
import dev.orderly.ports.config.SnapshotMode;
import dev.orderly.ports.config.SourceSettings;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.ChangeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SourcePort} on Debezium's embedded engine. The engine resumes from orderly's checkpoint
 * (see {@link CheckpointOffsetStore}); with no checkpoint it starts at the current end of the binlog
 * ({@code snapshot.mode=no_data}), or, with {@code source.snapshot: initial}, first reads every
 * included table's rows in a consistent snapshot and then streams from the snapshot's binlog position
 * ({@code snapshot.mode=initial}, see {@link SnapshotGrouping}). Heartbeats every second keep an idle
 * pipeline's position moving.
 *
 * <p>When the engine loses its connection to the database (a restart, a network break), another
 * engine starts from the position after the last transaction the listener took, until the database
 * has been away for {@link SourceReconnects#GIVE_UP_AFTER}. A purged binlog stops the source with a
 * {@link PurgedBinlogException}.
 */
public final class DebeziumSource implements SourcePort {

    private static final Logger LOG = LoggerFactory.getLogger(DebeziumSource.class);
    /** Changes of one transaction held in memory before the transaction is streamed in parts. */
    private static final int STREAMING_THRESHOLD = 10_000;

    private final SourceSettings settings;
    private final String name;
    private final Path stateDirectory;
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final CompletableFuture<Void> streaming = new CompletableFuture<>();
    private final SourceReconnects reconnects = new SourceReconnects();
    private ExecutorService executor;
    private DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private Path history;
    private DeliveredPositions delivered;
    private boolean closing;
    /** Whether the engine has read past its initial snapshot, if it takes one: only then is the source streaming. */
    private volatile boolean pastSnapshot;

    /**
     * @param settings the source settings
     * @param name the pipeline's name; Debezium's engine name and topic prefix
     * @param stateDirectory where the schema history is kept
     */
    public DebeziumSource(SourceSettings settings, String name, Path stateDirectory) {
        this.settings = requireNonNull(settings, "settings is null");
        this.name = requireNonNull(name, "name is null");
        this.stateDirectory = requireNonNull(stateDirectory, "stateDirectory is null");
    }

    @Override
    public synchronized void start(Optional<SourcePosition> resumeAfter, SourceListener listener) {
        if (engine != null) {
            throw new IllegalStateException("source " + name + " is already started");
        }
        Path history = stateDirectory.resolve("schema-history.dat");
        try {
            Files.createDirectories(stateDirectory);
            if (resumeAfter.isEmpty()) {
                // No checkpoint: the engine captures the schema afresh; an old history would contradict it.
                Files.deleteIfExists(history);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare state directory " + stateDirectory, e);
        }
        this.history = history;
        this.delivered = new DeliveredPositions(listener, resumeAfter, reconnects::delivered);
        this.pastSnapshot = !takesSnapshot(resumeAfter);
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orderly-source-" + name);
            thread.setDaemon(true);
            return thread;
        });
        launch(resumeAfter, true);
        Thread watcher = new Thread(this::watchStreaming, "orderly-source-watch-" + name);
        watcher.setDaemon(true);
        watcher.start();
        LOG.info("Source {} started ({} at {}:{}), {}", name, settings.type().configValue(), settings.host(), settings.port(),
                resumeAfter.map(position -> "resuming after " + position.description()).orElse(takesSnapshot(resumeAfter)
                        ? "taking an initial snapshot of " + settings.include() + ", then streaming from its binlog position"
                        : "starting at the current end of the binlog"));
    }

    /** Whether an engine started at {@code from} takes the initial snapshot: only without a position to resume from. */
    boolean takesSnapshot(Optional<SourcePosition> from) {
        return settings.snapshot() == SnapshotMode.INITIAL && from.isEmpty();
    }

    /** Starts an engine on the executor, resuming after {@code from}; {@code checkpoint} tells whether that is the pipeline's checkpoint. */
    private synchronized void launch(Optional<SourcePosition> from, boolean checkpoint) {
        String registryKey = UUID.randomUUID().toString();
        CheckpointOffsetStore.register(registryKey, from);
        TransactionAssembler assembler = new TransactionAssembler(name, delivered, STREAMING_THRESHOLD,
                from.map(PositionCodec::offset).orElse(Map.of()), Set.copyOf(settings.include()), TransactionAssembler.SNAPSHOT_TRANSACTION_ROWS,
                () -> pastSnapshot = true);
        engine = DebeziumEngine.create(Connect.class)
                .using(engineProperties(history, registryKey, takesSnapshot(from)))
                .notifying((records, committer) -> {
                    for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
                        assembler.accept(event.value());
                    }
                    // Debezium keeps only the newest offset of a batch, and orderly's checkpoint, not Debezium's offsets, says where
                    // to resume (CheckpointOffsetStore ignores them): marking each record would cost a lock and a map update per change.
                    if (!records.isEmpty()) {
                        committer.markProcessed(records.get(records.size() - 1));
                    }
                    committer.markBatchFinished();
                })
                .using((success, message, error) -> {
                    CheckpointOffsetStore.unregister(registryKey);
                    stopped(success && error == null, error != null ? error : new IllegalStateException(message), from, checkpoint);
                })
                .build();
        executor.execute(engine);
    }

    /** An engine stopped: the source ends, or, after a lost connection, another engine takes over where the listener left off. */
    private void stopped(boolean success, Throwable error, Optional<SourcePosition> from, boolean checkpoint) {
        if (success || isClosing()) {
            termination.complete(null);
            streaming.completeExceptionally(new IllegalStateException("the source stopped before it was streaming"));
            return;
        }
        Optional<SourcePosition> resume = delivered.resumePosition();
        // A source that never streamed fails at once, as a start against an unreachable database should.
        boolean lost = streamedOnce() && !delivered.listenerFailed() && SourceReconnects.isConnectionLoss(error);
        Optional<Duration> delay = lost && resume.isPresent() ? reconnects.next(error) : Optional.empty();
        if (delay.isPresent()) {
            LOG.warn("Source {} lost its connection to {}:{} ({}); reconnecting in {} ms, resuming after {}", name, settings.host(), settings.port(),
                    error.toString(), delay.get().toMillis(), resume.get().description());
            try {
                executor.execute(() -> reconnect(delay.get(), resume.get()));
            } catch (RejectedExecutionException closedMeanwhile) {
                termination.complete(null);
            }
            return;
        }
        Throwable failure = lost ? lostConnection(error, resume.isPresent()) : PurgedBinlogException.explain(error, from, checkpoint, stateDirectory);
        termination.completeExceptionally(failure);
        streaming.completeExceptionally(new IllegalStateException("the source stopped before it was streaming: " + failure.getMessage(), failure));
    }

    private IllegalStateException lostConnection(Throwable error, boolean couldResume) {
        String why = couldResume
                ? "and could not reconnect within " + SourceReconnects.GIVE_UP_AFTER.toSeconds() + " s"
                : "at a point it cannot resume from without repeating changes (before its first position, during the initial snapshot, or inside a"
                        + " transaction delivered in parts)";
        return new IllegalStateException("the source lost its connection to the database at " + settings.host() + ":" + settings.port() + " " + why
                + " (" + error + "). Check the database, then restart orderly: it resumes from its committed position.", error);
    }

    private void reconnect(Duration delay, SourcePosition from) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closing || Thread.currentThread().isInterrupted()) {
                termination.complete(null);
                return;
            }
            launch(Optional.of(from), false);
        }
    }

    private boolean streamedOnce() {
        return streaming.isDone() && !streaming.isCompletedExceptionally();
    }

    private synchronized boolean isClosing() {
        return closing;
    }

    /** @param initialSnapshot whether the engine first reads the included tables' rows ({@code source.snapshot: initial}, no checkpoint) */
    Properties engineProperties(Path history, String registryKey, boolean initialSnapshot) {
        Properties properties = new Properties();
        properties.setProperty("name", name);
        properties.setProperty("connector.class", switch (settings.type()) {
            case MYSQL -> "io.debezium.connector.mysql.MySqlConnector";
            case MARIADB -> "io.debezium.connector.mariadb.MariaDbConnector";
        });
        properties.setProperty("topic.prefix", name);
        // Address, credentials and TLS, as orderly's own JDBC connections get them.
        SourceConnectionProperties.connectorProperties(settings).forEach(properties::setProperty);
        properties.setProperty("database.server.id", String.valueOf(settings.serverId()));
        properties.setProperty("database.include.list", settings.include().stream().map(TableId::database).distinct()
                .map(DebeziumSource::regex).collect(Collectors.joining(",")));
        properties.setProperty("table.include.list", settings.include().stream().map(table -> regex(table.toString())).collect(Collectors.joining(",")));
        // initial: a consistent snapshot, then the binlog from the snapshot's position. Its locking mode, minimal (Debezium's default),
        // holds a global read lock (FLUSH TABLES WITH READ LOCK) only while it reads the binlog position and the schema, then reads
        // the rows in one consistent-read transaction; without the RELOAD privilege it falls back to table locks held to the end.
        properties.setProperty("snapshot.mode", initialSnapshot ? "initial" : "no_data");
        properties.setProperty("provide.transaction.metadata", "true");
        properties.setProperty("include.schema.changes", "true");
        properties.setProperty("tombstones.on.delete", "false");
        properties.setProperty("heartbeat.interval.ms", "1000");
        // How soon the binlog client notices a connection that went quiet and reconnects by itself (Debezium: 60 s). A
        // restarted MariaDB ends the binlog stream without an error, and only this check notices.
        properties.setProperty("connect.keep.alive.interval.ms", "5000");
        properties.setProperty("decimal.handling.mode", "precise");
        properties.setProperty("binary.handling.mode", "bytes");
        // Debezium hands a batch over when it is full or when this much time has passed: at a steady, lighter load it is the wait
        // that a change adds before orderly sees it (docs/BENCHMARKS.md, latency). Under a backlog batches fill at once.
        properties.setProperty("poll.interval.ms", "5");
        properties.setProperty("offset.storage", CheckpointOffsetStore.class.getName());
        properties.setProperty(CheckpointOffsetStore.REGISTRY_KEY, registryKey);
        properties.setProperty("offset.flush.interval.ms", "60000");
        properties.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        properties.setProperty("schema.history.internal.file.filename", history.toString());
        settings.connectorProperties().forEach(properties::setProperty);
        return properties;
    }

    private static String regex(String name) {
        return name.replace(".", "\\.");
    }

    /** Polls Debezium's streaming metrics until the binlog client is connected. */
    private void watchStreaming() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName pattern = new ObjectName("debezium.*:type=connector-metrics,context=streaming,server=" + ObjectName.quote(name) + ",*");
            ObjectName unquoted = new ObjectName("debezium.*:type=connector-metrics,context=streaming,server=" + name + ",*");
            while (!streaming.isDone() && !termination.isDone()) {
                Set<ObjectName> names = server.queryNames(unquoted, null);
                names.addAll(server.queryNames(pattern, null));
                for (ObjectName objectName : names) {
                    // With an initial snapshot the binlog client connects once the snapshot is read, possibly before its last rows were taken.
                    if (Boolean.TRUE.equals(server.getAttribute(objectName, "Connected")) && pastSnapshot) {
                        streaming.complete(null);
                        LOG.info("Source {} is streaming the binlog", name);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Cannot read Debezium's streaming metrics: {}", e.toString());
        }
    }

    @Override
    public CompletableFuture<Void> streaming() {
        return streaming;
    }

    @Override
    public CompletableFuture<Void> termination() {
        return termination;
    }

    @Override
    public void close() {
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> running;
        synchronized (this) {
            // Not held while waiting below: a reconnect on the executor needs this lock to see that the source is closing.
            if (engine == null || closing) {
                return;
            }
            closing = true;
            running = engine;
        }
        try {
            running.close();
        } catch (IOException | RuntimeException e) {
            // Closing an engine that already failed throws; the failure is reported through termination().
            LOG.debug("Closing the Debezium engine: {}", e.toString());
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("The Debezium engine of {} did not stop within 60 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        termination.complete(null);
    }
}
