package dev.orderly.bench;

import dev.orderly.sandbox.EmbeddedMySql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The configuration file of an orderly contender, written as an operator writes one: the pipeline
 * name {@link #PIPELINE}, the benchmark table, the contender's topic and partition mode, sharding by
 * {@code customer_id}, format {@code json}, every other key at its default. The source password is
 * read from a file of its own ({@code ${file:}}), as orderly requires.
 */
final class OrderlyConfig {

    /** Every orderly contender runs under this name, so each starts from a copy of the same checkpoint (it is kept per name). */
    static final String PIPELINE = "bench";
    static final long SERVER_ID = 5401;

    private OrderlyConfig() {
    }

    /**
     * @param directory where the file and the password file go
     * @param stateDirectory the pipeline's state directory
     * @param mode {@code one_partition} or {@code hash}
     * @param offsetsTopic the offsets topic of an exactly-once pipeline; ignored at-least-once
     * @return the configuration file
     */
    static Path write(Path directory, Path stateDirectory, EmbeddedMySql mySql, String bootstrapServers, String topic, int partitions, String mode,
            boolean exactlyOnce, String offsetsTopic) {
        Path password = directory.resolve("source-password");
        Path file = directory.resolve("orderly.yaml");
        String yaml = String.join("\n",
                "name: " + PIPELINE,
                "state-directory: \"" + stateDirectory + "\"",
                "source:",
                "  type: mysql",
                "  host: \"" + mySql.host() + "\"",
                "  port: " + mySql.port(),
                "  user: \"" + mySql.cdcUser() + "\"",
                "  password: \"${file:" + password + "}\"",
                "  server-id: " + SERVER_ID,
                "  include: [" + BenchRows.TABLE_ID + "]",
                "sink:",
                "  bootstrap-servers: \"" + bootstrapServers + "\"",
                "  topic: \"" + topic + "\"",
                "  partitions: " + partitions,
                "  delivery: " + (exactlyOnce ? "exactly-once" : "at-least-once"),
                exactlyOnce ? "  offsets-topic: \"" + offsetsTopic + "\"" : "",
                "partition:",
                "  mode: " + mode,
                "  sharding-columns:",
                "    " + BenchRows.TABLE_ID + ": [" + BenchRows.SHARDING_COLUMN + "]",
                "format: json",
                "");
        writePrivately(password, mySql.cdcPassword() + "\n");
        writePrivately(file, yaml);
        return file;
    }

    private static void writePrivately(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
