package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * {@code monitoring:} of the configuration.
 *
 * @param http where the HTTP endpoint serves {@code /metrics} (Prometheus), {@code /health} and
 *     {@code /ready}; empty for none; {@code monitoring.http}, written host:port (port 0 picks a free port)
 * @param jmx whether the metrics are also registered as JMX MBeans; {@code monitoring.jmx}
 */
public record MonitoringSettings(Optional<InetSocketAddress> http, boolean jmx) {

    /** No HTTP endpoint, metrics over JMX. */
    public static final MonitoringSettings DEFAULT = new MonitoringSettings(Optional.empty(), true);

    public MonitoringSettings {
        requireNonNull(http, "http is null");
    }
}
