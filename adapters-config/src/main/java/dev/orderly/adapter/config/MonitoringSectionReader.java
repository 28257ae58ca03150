package dev.orderly.adapter.config;

import dev.orderly.ports.config.MonitoringSettings;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** Reads {@code monitoring:}: the metrics and health endpoints. */
final class MonitoringSectionReader {

    static final Key HTTP = new Key("http",
            "host:port to serve /metrics (Prometheus), /health and /ready on, port from 0 (any free port) to 65535 (default: no HTTP endpoint)",
            "0.0.0.0:9404");
    static final Key JMX = new Key("jmx", "true or false (default true): whether the metrics are also JMX MBeans", "true");
    static final List<Key> KEYS = List.of(HTTP, JMX);

    private MonitoringSectionReader() {
    }

    static Optional<MonitoringSettings> read(ConfigSection monitoring) {
        Optional<Optional<InetSocketAddress>> http = monitoring.isWritten(HTTP)
                ? monitoring.requiredText(HTTP).flatMap(text -> address(monitoring, text)).map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<Boolean> jmx = monitoring.optionalBoolean(JMX, MonitoringSettings.DEFAULT.jmx());
        if (http.isEmpty() || jmx.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MonitoringSettings(http.get(), jmx.get()));
    }

    private static Optional<InetSocketAddress> address(ConfigSection monitoring, ScalarText text) {
        String written = text.value().trim();
        int colon = written.lastIndexOf(':');
        String host = colon < 0 ? "" : written.substring(0, colon);
        String port = colon < 0 ? "" : written.substring(colon + 1);
        if (host.isBlank() || port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit) || Integer.parseInt(port) > 65_535) {
            monitoring.problems().add(monitoring.pathOf(HTTP.name()), text.found(), HTTP.allowed(),
                    "write a host and a port, e.g. http: " + HTTP.example() + " (0.0.0.0 listens on every interface, 127.0.0.1 on loopback only)");
            return Optional.empty();
        }
        return Optional.of(InetSocketAddress.createUnresolved(host, Integer.parseInt(port)));
    }
}
