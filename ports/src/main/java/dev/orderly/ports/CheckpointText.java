package dev.orderly.ports;

import dev.orderly.domain.change.SourcePosition;
import dev.orderly.domain.change.TableId;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The text form of a {@link Checkpoint} (Java properties), shared by the offset stores so that a
 * checkpoint reads the same wherever it is kept.
 */
public final class CheckpointText {

    /** The prefix of a table's schema version, e.g. {@code schema-version.shop.orders=42}. */
    private static final String SCHEMA_VERSION = "schema-version.";

    private CheckpointText() {
    }

    public static String write(Checkpoint checkpoint) {
        Properties properties = new Properties();
        properties.setProperty("position.token", checkpoint.position().token());
        properties.setProperty("position.description", checkpoint.position().description());
        properties.setProperty("seq", Long.toString(checkpoint.seq()));
        properties.setProperty("partition-count", Integer.toString(checkpoint.partitionCount()));
        properties.setProperty("epoch", Long.toString(checkpoint.epoch()));
        checkpoint.schemaVersions().forEach((table, version) -> properties.setProperty(SCHEMA_VERSION + table, Long.toString(version)));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "orderly checkpoint");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * @param where where the text was read from, for the error message
     * @throws IllegalStateException naming {@code where} and what is missing or malformed
     */
    public static Checkpoint read(String text, String where) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
            return new Checkpoint(
                    new SourcePosition(required(properties, "position.token"), required(properties, "position.description")),
                    Long.parseLong(required(properties, "seq")),
                    Integer.parseInt(required(properties, "partition-count")),
                    Long.parseLong(properties.getProperty("epoch", "0")),
                    schemaVersions(properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("checkpoint " + where + " is damaged: " + e.getMessage()
                    + ". Restore it from a backup, or remove it to start at the current end of the binlog (changes in between are skipped).", e);
        }
    }

    private static Map<TableId, Long> schemaVersions(Properties properties) {
        Map<TableId, Long> versions = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(SCHEMA_VERSION)) {
                versions.put(TableId.parse(key.substring(SCHEMA_VERSION.length())), Long.parseLong(properties.getProperty(key)));
            }
        }
        return versions;
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("it has no '" + key + "'");
        }
        return value;
    }
}
