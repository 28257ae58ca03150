package dev.orderly.app.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orderly.ports.config.MonitoringSettings;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's monitoring: the pipeline's metrics on a Prometheus registry (served over HTTP when
 * {@code monitoring.http} is set) and on a JMX registry (domain {@code orderly}, when
 * {@code monitoring.jmx}), plus JVM metrics; the endpoints {@code /metrics}, {@code /health} (200
 * while live, 503 once failed) and {@code /ready} (200 while streaming the live binlog).
 *
 * <p>Lifecycle: {@link #start} before the pipeline starts, so that probes get answers while it
 * starts; {@link #close} at the end. Threading: the HTTP server has its own thread.
 */
public final class Monitoring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);
    private static final String JMX_DOMAIN = "orderly";

    private final PrometheusMeterRegistry prometheus;
    private final Optional<JmxMeterRegistry> jmx;
    private final CompositeMeterRegistry registry;
    private final PipelineMetrics metrics;
    private final ScheduledExecutorService refresher;
    private volatile Supplier<Health> health = Health::starting;
    private HttpServer server;

    private Monitoring(MonitoringSettings settings) {
        this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.jmx = settings.jmx() ? Optional.of(new JmxMeterRegistry(new JmxConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String domain() {
                return JMX_DOMAIN;
            }
        }, Clock.SYSTEM)) : Optional.empty();
        this.registry = new CompositeMeterRegistry();
        registry.add(prometheus);
        jmx.ifPresent(registry::add);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        this.metrics = new PipelineMetrics(registry);
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orderly-metrics");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers the metrics and opens the HTTP endpoint when one is configured.
     *
     * @throws UncheckedIOException when the HTTP address cannot be bound, naming it
     */
    public static Monitoring start(MonitoringSettings settings) {
        Monitoring monitoring = new Monitoring(settings);
        settings.http().ifPresent(monitoring::serve);
        monitoring.refresher.scheduleWithFixedDelay(monitoring::refreshQuietly, 1, 1, TimeUnit.SECONDS);
        return monitoring;
    }

    /** The pipeline's metrics, to observe the pipeline and feed the progress line. */
    public PipelineMetrics metrics() {
        return metrics;
    }

    /** What the health endpoints answer from now on. */
    public void reportHealth(Supplier<Health> health) {
        this.health = health;
    }

    /** Where the HTTP endpoint listens, with the actual port; empty when there is none. */
    public synchronized Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(server).map(HttpServer::getAddress);
    }

    /** The metrics in Prometheus' text format, as {@code /metrics} serves them. */
    public String scrape() {
        metrics.refresh();
        return prometheus.scrape();
    }

    private synchronized void serve(InetSocketAddress address) {
        InetSocketAddress bound = new InetSocketAddress(address.getHostString(), address.getPort());
        try {
            server = HttpServer.create(bound, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve monitoring.http on " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage()
                    + "; choose a free port or another address", e);
        }
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", scrape()));
        server.createContext("/health", exchange -> {
            Health now = health.get();
            respond(exchange, now.live() ? 200 : 503, "application/json", now.json());
        });
        server.createContext("/ready", exchange -> {
            Health now = health.get();
            respond(exchange, now.ready() ? 200 : 503, "application/json", now.json());
        });
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orderly-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        LOG.info("Monitoring on http://{}:{}/ (metrics, health, ready)", server.getAddress().getHostString(), server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void refreshQuietly() {
        try {
            metrics.refresh();
        } catch (RuntimeException e) {
            LOG.debug("Refreshing the labelled gauges failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        refresher.shutdownNow();
        if (server != null) {
            server.stop(0);
            server = null;
        }
        jmx.ifPresent(JmxMeterRegistry::close);
        prometheus.close();
    }
}
