package dev.orderly.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.domain.change.TableId;
import dev.orderly.ports.config.MonitoringSettings;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class MonitoringTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesPrometheusMetricsHealthAndReadinessOverHttp() throws Exception {
        try (Monitoring monitoring = Monitoring.start(new MonitoringSettings(Optional.of(InetSocketAddress.createUnresolved("127.0.0.1", 0)), false))) {
            monitoring.metrics().started("t", 1);
            monitoring.metrics().sent(TableId.parse("shop.orders"), 0, null, 10);
            InetSocketAddress address = monitoring.httpAddress().orElseThrow();

            HttpResponse<String> metrics = get(address, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("orderly_changes_total{partition=\"0\",table=\"shop.orders\"} 1.0", "jvm_memory_used_bytes");

            assertThat(get(address, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(address, "/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"status\":\"starting\"");

            monitoring.reportHealth(() -> new Health(true, true, "streaming", "reading the live binlog"));
            assertThat(get(address, "/ready").statusCode()).isEqualTo(200);

            monitoring.reportHealth(() -> new Health(false, false, "failed", "Kafka did not acknowledge \"x\""));
            HttpResponse<String> failed = get(address, "/health");
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.body()).isEqualTo("{\"status\":\"failed\",\"live\":false,\"ready\":false,\"detail\":\"Kafka did not acknowledge \\\"x\\\"\"}");
        }
    }

    @Test
    void registersTheMetricsAsJmxBeansInTheOrderlyDomain() throws Exception {
        try (Monitoring monitoring = Monitoring.start(new MonitoringSettings(Optional.empty(), true))) {
            monitoring.metrics().started("t", 1);
            monitoring.metrics().sent(TableId.parse("shop.orders"), 0, null, 10);

            assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("orderly:name=orderlyChanges*,*"), null)).isNotEmpty();
            assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("orderly:name=orderlySourceLag*,*"), null)).isNotEmpty();
        }
    }

    @Test
    void aPortInUseIsRefusedNamingTheAddress() throws Exception {
        try (Monitoring first = Monitoring.start(new MonitoringSettings(Optional.of(InetSocketAddress.createUnresolved("127.0.0.1", 0)), false))) {
            int port = first.httpAddress().orElseThrow().getPort();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Monitoring.start(
                            new MonitoringSettings(Optional.of(InetSocketAddress.createUnresolved("127.0.0.1", port)), false)))
                    .hasMessageContaining("cannot serve monitoring.http on 127.0.0.1:" + port);
        }
    }

    private HttpResponse<String> get(InetSocketAddress address, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
