package dev.orderly.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderly.domain.change.TableId;
import dev.orderly.ports.config.SnapshotMode;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceTls;
import dev.orderly.ports.config.SourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code source:}: the database orderly reads the binlog of. */
final class SourceSectionReader {

    static final Map<String, SourceType> TYPES = ValueReader.choices(SourceType.values(), SourceType::configValue);
    static final int DEFAULT_PORT = 3306;
    static final long MAX_SERVER_ID = 4_294_967_295L;

    static final Key TYPE = new Key("type", "one of: " + String.join(", ", TYPES.keySet()), "mysql");
    static final Key HOST = new Key("host", "a non-empty host name or IP address", "127.0.0.1");
    static final Key PORT = new Key("port", "an integer from 1 to 65535 (default " + DEFAULT_PORT + ")", "3306");
    static final Key USER = new Key("user", "a non-empty user name", "cdc");
    static final Key PASSWORD = new Key("password", "${NAME} (an environment variable) or ${file:/path} (the content of a file); \"\" only for a"
            + " user without a password; never the password itself", "${ORDERLY_SOURCE_PASSWORD}");
    static final Key SERVER_ID = new Key("server-id", "an integer from 1 to " + MAX_SERVER_ID + ", unique among the source's replicas", "5401");
    static final Key INCLUDE = new Key("include", "a non-empty list of distinct tables written database.table", "[shop.orders, shop.customers]");
    static final Key DEBEZIUM = new Key("debezium", "a map of Debezium connector properties to single values (string, number or boolean)",
            "{max.batch.size: 4096}");
    static final Map<String, SnapshotMode> SNAPSHOT_MODES = ValueReader.choices(SnapshotMode.values(), SnapshotMode::configValue);
    static final Key SNAPSHOT = new Key("snapshot", "one of: " + String.join(", ", SNAPSHOT_MODES.keySet()) + " (default "
            + SnapshotMode.NEVER.configValue() + ")", SnapshotMode.NEVER.configValue());
    static final List<Key> KEYS = List.of(TYPE, HOST, PORT, USER, PASSWORD, SERVER_ID, INCLUDE, SNAPSHOT, SourceTlsReader.TLS, DEBEZIUM);
    /** Debezium properties orderly sets from its own keys, so that secrets and TLS are configured in one place. */
    private static final String DEBEZIUM_PASSWORD = "database.password";
    private static final String DEBEZIUM_SSL_PREFIX = "database.ssl.";

    private static final String TABLE = "a table written database.table";
    private static final String SNAPSHOT_MODE_PROPERTY = "snapshot.mode";

    private SourceSectionReader() {
    }

    /**
     * What was read of {@code source:}.
     *
     * @param settings the section's settings, or empty when a value could not be read (they are used
     *     only when the whole file has no problem)
     * @param include the included tables, or empty when any entry is malformed; given on their own
     *     because {@code partition.sharding-columns} is checked against them even when another source
     *     key has a problem
     */
    record Result(Optional<SourceSettings> settings, Optional<List<TableId>> include) {
    }

    /** Reads every key, in the order of the example file. */
    static Result read(ConfigSection source) {
        Optional<SourceType> type = source.requiredChoice(TYPE, TYPES);
        Optional<ScalarText> host = source.requiredText(HOST);
        Optional<Long> port = source.optionalInteger(PORT, 1, 65_535, DEFAULT_PORT);
        Optional<ScalarText> user = source.requiredText(USER);
        Optional<ScalarText> password = source.requiredSecret(PASSWORD);
        Optional<Long> serverId = source.requiredInteger(SERVER_ID, 1, MAX_SERVER_ID);
        Optional<List<TableId>> include = include(source);
        Optional<SnapshotMode> snapshot = source.optionalChoice(SNAPSHOT, SNAPSHOT_MODES, SnapshotMode.NEVER);
        Optional<SourceTls> tls = SourceTlsReader.read(source, type);
        Map<String, String> connectorProperties = source.optionalSingleValueMap(DEBEZIUM);
        refuseSnapshotMode(source, connectorProperties);
        refuseOwnedConnectorProperties(source, connectorProperties);
        if (Stream.of(type, host, port, user, password, serverId, include, snapshot, tls).anyMatch(Optional::isEmpty)) {
            return new Result(Optional.empty(), include);
        }
        return new Result(Optional.of(new SourceSettings(type.get(), host.get().value(), port.get().intValue(), user.get().value(),
                password.get().value(), serverId.get(), include.get(), connectorProperties, snapshot.get(), tls.get())), include);
    }

    /** Refuses Debezium's password and TLS properties: orderly sets them from source.password and source.tls. */
    private static void refuseOwnedConnectorProperties(ConfigSection source, Map<String, String> connectorProperties) {
        String prefix = source.pathOf(DEBEZIUM.name()) + ".";
        connectorProperties.forEach((name, value) -> {
            if (name.equals(DEBEZIUM_PASSWORD)) {
                source.problems().add(prefix + name, Found.quote(value), "not set: orderly sets it from source.password",
                        "remove it and write the password as source.password: " + PASSWORD.example());
            } else if (name.startsWith(DEBEZIUM_SSL_PREFIX)) {
                source.problems().add(prefix + name, Found.quote(value), "not set: orderly sets " + DEBEZIUM_SSL_PREFIX + "* from source.tls",
                        "remove it and use source.tls (mode, truststore, truststore-password), which also applies to orderly's own"
                                + " metadata queries; client certificates for the database are not supported in this version");
            }
        });
    }

    /**
     * Debezium's {@code snapshot.mode} follows {@code source.snapshot} and the checkpoint (initial only
     * without one); set under {@code source.debezium} it would take a snapshot at every restart, or
     * none, behind orderly's back.
     */
    private static void refuseSnapshotMode(ConfigSection source, Map<String, String> connectorProperties) {
        String snapshotMode = connectorProperties.get(SNAPSHOT_MODE_PROPERTY);
        if (snapshotMode != null) {
            source.problems().add(source.pathOf(DEBEZIUM.name()) + "." + SNAPSHOT_MODE_PROPERTY, Found.quote(snapshotMode),
                    "not set: orderly sets " + SNAPSHOT_MODE_PROPERTY + " from source.snapshot",
                    "remove it and write snapshot: initial (read the tables' rows first, once, when there is no checkpoint) or snapshot: never"
                            + " under source:");
        }
    }

    /**
     * The included tables. A table written twice is a problem (which fails the load), but the tables
     * are still known and returned, once each; a malformed entry leaves them unknown.
     */
    private static Optional<List<TableId>> include(ConfigSection source) {
        Optional<List<JsonNode>> entries = source.requiredList(INCLUDE);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        String path = source.pathOf(INCLUDE.name());
        List<TableId> tables = new ArrayList<>();
        Map<TableId, Integer> firstIndexOf = new HashMap<>();
        boolean allParsed = true;
        for (int index = 0; index < entries.get().size(); index++) {
            String entryPath = path + "[" + index + "]";
            Optional<ScalarText> text = source.values().nonBlankText(entryPath, entries.get().get(index), TABLE);
            Optional<TableId> table = text.flatMap(written -> parseTable(source.problems(), entryPath, written));
            if (table.isEmpty()) {
                allParsed = false;
                continue;
            }
            Integer firstIndex = firstIndexOf.putIfAbsent(table.get(), index);
            if (firstIndex != null) {
                source.problems().add(entryPath, text.get().found(), "each table once",
                        "remove this entry; " + table.get() + " is already at " + path + "[" + firstIndex + "]");
                continue;
            }
            tables.add(table.get());
        }
        return allParsed ? Optional.of(tables) : Optional.empty();
    }

    /** Parses {@code db.table} by {@link TableId#parse}'s rules, reporting a malformed name at {@code path}. */
    static Optional<TableId> parseTable(ProblemCollector problems, String path, ScalarText text) {
        try {
            return Optional.of(TableId.parse(text.value()));
        } catch (IllegalArgumentException malformed) {
            problems.add(path, text.found(), TABLE, "write the database and the table separated by a dot, e.g. shop.orders");
            return Optional.empty();
        }
    }
}
