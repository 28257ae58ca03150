package dev.orderly.app.state;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.OffsetStorePort;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps the checkpoint in {@code checkpoint.properties} of the state directory. A commit writes a
 * temporary file, forces it to disk and renames it over the old one, so a crash leaves either the old
 * or the new checkpoint, never a mix.
 */
public final class FileOffsetStore implements OffsetStorePort {

    private final Path file;

    public FileOffsetStore(Path stateDirectory) {
        this.file = requireNonNull(stateDirectory, "stateDirectory is null").resolve("checkpoint.properties");
    }

    @Override
    public Optional<Checkpoint> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return Optional.of(new Checkpoint(
                    new SourcePosition(required(properties, "position.token"), required(properties, "position.description")),
                    Long.parseLong(required(properties, "seq")),
                    Integer.parseInt(required(properties, "partition-count")),
                    Long.parseLong(properties.getProperty("epoch", "0"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("checkpoint " + file + " is damaged: " + e.getMessage()
                    + ". Restore it from a backup, or delete it to start at the current end of the binlog (changes in between are skipped).", e);
        }
    }

    private String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("it has no '" + key + "'");
        }
        return value;
    }

    @Override
    public void commit(Checkpoint checkpoint) {
        Properties properties = new Properties();
        properties.setProperty("position.token", checkpoint.position().token());
        properties.setProperty("position.description", checkpoint.position().description());
        properties.setProperty("seq", Long.toString(checkpoint.seq()));
        properties.setProperty("partition-count", Integer.toString(checkpoint.partitionCount()));
        properties.setProperty("epoch", Long.toString(checkpoint.epoch()));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                properties.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "orderly checkpoint");
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }
}
