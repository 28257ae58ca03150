package dev.orderly.it;

import dev.orderly.domain.change.TableId;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.OversizedPolicy;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes settings as the YAML configuration file {@code orderly run --config} reads (keys as in
 * {@code config/example.yaml}), so a test builds its settings in code and runs them in a process. The
 * source password goes to a file of its own beside the configuration, named by {@code ${file:}}.
 * Covers what the tests' settings use: no per-table rules, rule options or plugin directory, and
 * the default outage timeout.
 */
final class OrderlyConfigFile {

    private OrderlyConfigFile() {
    }

    /** @return {@code file} */
    static Path write(OrderlySettings settings, Path file) {
        PartitionSettings partition = settings.partition();
        SinkSettings sink = settings.sink();
        if (!partition.rules().isEmpty() || !partition.options().isEmpty() || settings.pluginDirectory().isPresent()
                || !sink.outageTimeout().equals(SinkSettings.DEFAULT_OUTAGE_TIMEOUT)) {
            throw new IllegalArgumentException("OrderlyConfigFile writes no per-table rules, rule options, plugin directory or outage"
                    + " timeout, but the settings have some: " + settings);
        }
        SourceSettings source = settings.source();
        StringBuilder yaml = new StringBuilder()
                .append("name: ").append(quoted(settings.name())).append('\n')
                .append("state-directory: ").append(quoted(settings.stateDirectory().toAbsolutePath().toString())).append('\n')
                .append("source:\n")
                .append("  type: ").append(source.type().configValue()).append('\n')
                .append("  host: ").append(quoted(source.host())).append('\n')
                .append("  port: ").append(source.port()).append('\n')
                .append("  user: ").append(quoted(source.user())).append('\n')
                // The reference as it is: quoted() would escape its ${.
                .append("  password: \"").append(secretReference(file.resolveSibling(file.getFileName() + ".source-password"), source.password()))
                .append("\"\n")
                .append("  server-id: ").append(source.serverId()).append('\n')
                .append("  include: ").append(tables(source.include())).append('\n')
                .append("  snapshot: ").append(source.snapshot().configValue()).append('\n');
        map(yaml, "debezium", source.connectorProperties());
        yaml.append("sink:\n")
                .append("  bootstrap-servers: ").append(quoted(sink.bootstrapServers())).append('\n')
                .append("  topic: ").append(quoted(sink.topic())).append('\n')
                .append("  partitions: ").append(sink.partitions()).append('\n')
                .append("  delivery: ").append(sink.delivery().configValue()).append('\n');
        if (!sink.offsetsTopic().equals(SinkSettings.DEFAULT_OFFSETS_TOPIC)) {
            yaml.append("  offsets-topic: ").append(quoted(sink.offsetsTopic())).append('\n');
        }
        if (sink.maxTransactionRecords() != SinkSettings.DEFAULT_MAX_TRANSACTION_RECORDS) {
            yaml.append("  max-transaction-records: ").append(sink.maxTransactionRecords()).append('\n');
        }
        if (sink.oversized() != OversizedPolicy.FAIL) {
            yaml.append("  oversized: ").append(sink.oversized().configValue()).append('\n');
        }
        map(yaml, "producer", sink.producerProperties());
        yaml.append("partition:\n")
                .append("  mode: ").append(quoted(partition.mode())).append('\n')
                .append("  no-key: ").append(partition.noKey().configValue()).append('\n');
        if (!partition.shardingColumns().isEmpty()) {
            yaml.append("  sharding-columns:\n");
            new TreeMap<>(partition.shardingColumns().entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().toString(),
                    Map.Entry::getValue))).forEach((table, columns) -> yaml.append("    ").append(table).append(": ")
                            .append(columns.stream().map(OrderlyConfigFile::quoted).collect(Collectors.joining(", ", "[", "]"))).append('\n'));
        }
        yaml.append("format: ").append(quoted(settings.format())).append('\n');
        writePrivately(file, yaml.toString());
        return file;
    }

    /**
     * Writes {@code secret} to {@code file}, readable by its owner only, and returns the reference that
     * gives it in a configuration, {@code ${file:FILE}}: orderly refuses secrets written into the
     * configuration itself.
     */
    static String secretReference(Path file, String secret) {
        writePrivately(file, secret + "\n");
        return "${file:" + file.toAbsolutePath() + "}";
    }

    /** Writes a file readable by its owner only, as orderly wants configuration and secret files (others get a warning). */
    static Path writePrivately(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void map(StringBuilder yaml, String key, Map<String, String> values) {
        if (!values.isEmpty()) {
            yaml.append("  ").append(key).append(":\n");
            new TreeMap<>(values).forEach((name, value) -> yaml.append("    ").append(quoted(name)).append(": ").append(quoted(value)).append('\n'));
        }
    }

    private static String tables(List<TableId> tables) {
        return tables.stream().map(TableId::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A YAML double-quoted scalar; {@code $} is doubled where it starts {@code ${}, which orderly would substitute. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "$${") + "\"";
    }
}
