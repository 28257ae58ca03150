package dev.orderly.app.state;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.Checkpoint;
import dev.orderly.ports.CheckpointText;
import dev.orderly.ports.OffsetStorePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

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
        try {
            return Optional.of(CheckpointText.read(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
    }

    @Override
    public void commit(Checkpoint checkpoint) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(CheckpointText.write(checkpoint).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }
}
