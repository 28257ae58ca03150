package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import java.util.List;
import java.util.Map;

/**
 * {@code source:} of the configuration.
 *
 * @param type mysql or mariadb
 * @param host database host
 * @param port database port, 1-65535
 * @param user replication user
 * @param password its password (from the environment; never logged)
 * @param serverId the replica server id orderly uses, unique among the source's replicas
 * @param include the tables to capture, at least one
 * @param connectorProperties extra Debezium connector properties, given under {@code source.debezium}
 * @param snapshot whether a pipeline without a checkpoint first reads the tables' existing rows; {@code source.snapshot}
 * @param tls whether and how connections to the database are encrypted; {@code source.tls}
 */
public record SourceSettings(SourceType type, String host, int port, String user, String password, long serverId, List<TableId> include,
                             Map<String, String> connectorProperties, SnapshotMode snapshot, SourceTls tls) {

    public SourceSettings {
        requireNonNull(type, "type is null");
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        include = List.copyOf(include);
        connectorProperties = Map.copyOf(connectorProperties);
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(tls, "tls is null");
        if (type == SourceType.MARIADB && tls.mode() == SourceTlsMode.PREFERRED) {
            throw new IllegalArgumentException("MariaDB's connector has no TLS mode preferred (TLS with a fallback to none); choose another mode");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in [1, 65535] but got " + port);
        }
        if (include.isEmpty()) {
            throw new IllegalArgumentException("include must name at least one table but got none");
        }
    }

    /** Settings with the database drivers' default TLS ({@link SourceTls#defaultFor}). */
    public SourceSettings(SourceType type, String host, int port, String user, String password, long serverId, List<TableId> include,
                          Map<String, String> connectorProperties, SnapshotMode snapshot) {
        this(type, host, port, user, password, serverId, include, connectorProperties, snapshot, SourceTls.defaultFor(type));
    }

    /** Settings that start streaming at the end of the binlog, without a snapshot. */
    public SourceSettings(SourceType type, String host, int port, String user, String password, long serverId, List<TableId> include,
                          Map<String, String> connectorProperties) {
        this(type, host, port, user, password, serverId, include, connectorProperties, SnapshotMode.NEVER);
    }

    @Override
    public String toString() {
        return "SourceSettings[type=" + type + ", host=" + host + ", port=" + port + ", user=" + user + ", password=***, serverId=" + serverId
                + ", include=" + include + ", snapshot=" + snapshot.configValue() + ", tls=" + tls + "]";
    }
}
