package dev.orderly.bench;

import dev.orderly.adapter.kafka.BenchProducerSettings;
import dev.orderly.ports.config.SinkSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The peer's files: a Kafka Connect standalone worker whose producer has orderly's settings
 * (idempotence, {@code acks=all}, linger, batch size, compression, requests in flight, timeouts:
 * {@link BenchProducerSettings}, under {@code producer.}), JSON converters without schemas, offsets in
 * a file flushed every second (orderly commits every second at-least-once); and the Debezium MySQL
 * connector with orderly's connector settings, except the snapshot mode: {@code never} for a backlog
 * (read the binlog from its first file: the table is empty before the backlog, so it delivers exactly
 * the backlog), {@code no_data} for a latency run (start at the current end of the binlog, as orderly
 * does without a checkpoint); keyed by the sharding column ({@code message.key.columns}), its table's
 * topic renamed to the run's topic by {@code RegexRouter}.
 */
final class PeerConfig {

    static final String TOPIC_PREFIX = "peer";
    static final String CONNECTOR = "peer";

    private PeerConfig() {
    }

    static Path writeWorker(Path directory, SinkSettings sink, int restPort) {
        Map<String, String> worker = new TreeMap<>();
        worker.put("bootstrap.servers", sink.bootstrapServers());
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("key.converter.schemas.enable", "false");
        worker.put("value.converter.schemas.enable", "false");
        worker.put("offset.storage.file.filename", directory.resolve("connect.offsets").toString());
        worker.put("offset.flush.interval.ms", "1000");
        worker.put("plugin.discovery", "service_load");
        worker.put("listeners", "http://127.0.0.1:" + restPort);
        BenchProducerSettings.of(sink, "peer").forEach((key, value) -> {
            if (!key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) && !key.equals(ProducerConfig.CLIENT_ID_CONFIG)) {
                worker.put("producer." + key, String.valueOf(value));
            }
        });
        return store(directory.resolve("worker.properties"), worker);
    }

    /** @param snapshotMode {@code never} or {@code no_data} */
    static Path writeConnector(Path directory, Properties connectorSettings, String topic, String snapshotMode) {
        if (!snapshotMode.equals("never") && !snapshotMode.equals("no_data")) {
            throw new IllegalArgumentException("the peer's snapshot.mode must be never or no_data but got '" + snapshotMode + "'");
        }
        Map<String, String> connector = new TreeMap<>();
        connectorSettings.stringPropertyNames().forEach(key -> connector.put(key, connectorSettings.getProperty(key)));
        connector.put("name", CONNECTOR);
        connector.put("tasks.max", "1");
        connector.put("snapshot.mode", snapshotMode);
        connector.put("message.key.columns", BenchRows.TABLE_ID + ":" + BenchRows.SHARDING_COLUMN);
        connector.put("transforms", "route");
        connector.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        connector.put("transforms.route.regex", (TOPIC_PREFIX + "." + BenchRows.TABLE_ID).replace(".", "\\."));
        connector.put("transforms.route.replacement", topic);
        return store(directory.resolve("connector.properties"), connector);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static Path store(Path file, Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "written by the orderly benchmark harness");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
