package dev.orderly.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderly.app.demo.DemoScenario;
import dev.orderly.app.demo.ScenarioOptions;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.sandbox.EmbeddedKafka;
import dev.orderly.sandbox.EmbeddedMySql;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code orderly run} as an operator sees it: Prometheus metrics and the health and readiness
 * endpoints over HTTP, the same metrics over remote JMX, one JSON object per log line, and the
 * console progress line.
 */
@ExtendWith(RealServers.class)
class MonitoringIT {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([-+0-9.eE]+|NaN)$", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRunningPipelineServesMetricsHealthAndReadinessLogsJsonAndPrintsProgress(EmbeddedMySql mySql, EmbeddedKafka kafka) throws Exception {
        String db = "monitoring_mysql";
        Path work = RealServers.workDirectory(db);
        DemoScenario scenario = new DemoScenario(mySql, kafka.bootstrapServers(),
                new ScenarioOptions(db, 4, 1, 3, 4, List.of("hash"), work.resolve("state")));
        OrderlySettings settings = scenario.settings("hash", 5801);
        int httpPort = freePort();
        int jmxPort = freePort();
        Path config = OrderlyConfigFile.write(settings, work.resolve("orderly.yaml"));
        Files.writeString(config, "monitoring:\n  http: 127.0.0.1:" + httpPort + "\n  jmx: true\n", StandardOpenOption.APPEND);
        DeliveredTopic topic = new DeliveredTopic(scenario, settings, db);
        ChunkedWorkload workload = new ChunkedWorkload(mySql, db, 4, 5).createSchema();
        List<String> jvm = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorderly.log.format=json",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false");

        try (OrderlyProcess orderly = OrderlyProcess.start(config, work.resolve("orderly.log"), jvm, "--progress-interval", "1")) {
            orderly.awaitStreaming(Duration.ofMinutes(2));
            topic.awaitCheckpoint(Duration.ofSeconds(30), orderly);
            assertThat(get(httpPort, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(httpPort, "/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\":\"streaming\"");

            workload.write(2_000);
            long expected = workload.changes();
            String metrics = awaitMetric(httpPort, "orderly_transactions_total", workload.transactions(), orderly);

            Map<String, Double> samples = samples(metrics);
            assertThat(sum(samples, "orderly_changes_total{")).isGreaterThanOrEqualTo(expected);
            for (int partition = 0; partition < 4; partition++) {
                assertThat(sum(samples, "orderly_changes_total{partition=\"" + partition + "\"")).as("partition " + partition).isPositive();
                assertThat(sum(samples, "orderly_bytes_total{partition=\"" + partition + "\"")).as("partition " + partition).isPositive();
                assertThat(metrics).contains("orderly_partition_hot_key_share{key=");
            }
            assertThat(samples.get("orderly_transactions_total")).isGreaterThanOrEqualTo((double) workload.transactions());
            assertThat(sum(samples, "orderly_commit_append_latency_seconds_count")).isPositive();
            assertThat(sum(samples, "orderly_read_append_latency_seconds_count")).isPositive();
            assertThat(metrics).contains("orderly_commit_append_latency_seconds_bucket{le=", "orderly_source_position_info{position=\"",
                    "orderly_checkpoint_position_info{position=\"");
            assertThat(samples).containsKeys("orderly_source_lag_seconds", "orderly_records_in_flight", "orderly_checkpoint_seq",
                    "orderly_producer_errors_total", "orderly_producer_retries_total", "orderly_partition_skew");
            assertThat(samples.get("orderly_producer_errors_total")).isZero();
            assertThat(samples.get("orderly_partition_skew")).isBetween(1.0, 4.0);

            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))) {
                MBeanServerConnection beans = jmx.getMBeanServerConnection();
                assertThat(beans.queryNames(new ObjectName("orderly:name=orderlyChanges*,*"), null)).hasSizeGreaterThanOrEqualTo(4);
                assertThat(beans.queryNames(new ObjectName("orderly:name=orderlySourceLag*,*"), null)).isNotEmpty();
            }

            orderly.terminate();
            assertThat(orderly.waitFor(Duration.ofSeconds(30))).as("exit code" + orderly.logTail()).isZero();
            String log = orderly.log();
            assertThat(log).containsPattern("progress: [0-9,]+ changes/s, [0-9.,]+ tx/s, lag [0-9.]+ s, at \\S+, committed seq [0-9,]+");
            ObjectMapper json = new ObjectMapper();
            List<String> logLines = log.lines().filter(line -> line.startsWith("{")).toList();
            assertThat(logLines).isNotEmpty();
            for (String line : logLines) {
                JsonNode entry = json.readTree(line);
                assertThat(entry.has("level") && entry.has("loggerName") && entry.has("formattedMessage") && entry.has("timestamp"))
                        .as(line).isTrue();
            }
            assertThat(logLines).anyMatch(line -> line.contains("is streaming the binlog"));
            assertThat(log.lines().filter(line -> !line.startsWith("{") && !line.startsWith("progress: ")))
                    .as("every other line is a log entry in JSON or a progress line").isEmpty();
        }
    }

    private String awaitMetric(int port, String name, long atLeast, OrderlyProcess orderly) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String body = get(port, "/metrics").body();
            if (sum(samples(body), name) >= atLeast) {
                return body;
            }
            if (System.nanoTime() > deadline || !orderly.isAlive()) {
                throw new AssertionError(name + " did not reach " + atLeast + " within 60 s:\n" + body + orderly.logTail());
            }
            Thread.sleep(200);
        }
    }

    private static Map<String, Double> samples(String metrics) {
        Map<String, Double> samples = new java.util.HashMap<>();
        Matcher matcher = SAMPLE.matcher(metrics);
        while (matcher.find()) {
            samples.put(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)), Double.parseDouble(matcher.group(3)));
        }
        return samples;
    }

    private static double sum(Map<String, Double> samples, String prefix) {
        return samples.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
