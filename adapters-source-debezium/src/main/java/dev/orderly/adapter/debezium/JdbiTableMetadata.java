package dev.orderly.adapter.debezium;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.domain.ordering.UniqueKey;
import dev.orderly.ports.TableMetadataPort;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceTlsMode;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/** Reads table keys and column nullability from the source's information_schema with Jdbi. */
public final class JdbiTableMetadata implements TableMetadataPort {

    /** MySQL and MariaDB: {@code Access denied for user ...} at login. */
    private static final int ACCESS_DENIED = 1045;

    private final SourceSettings settings;
    private final Jdbi jdbi;

    /** Connects, on first use, as {@link SourceConnectionProperties} says: with the source's credentials and TLS. */
    public JdbiTableMetadata(SourceSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.jdbi = Jdbi.create(SourceConnectionProperties.jdbcUrl(settings), SourceConnectionProperties.jdbcProperties(settings));
    }

    @Override
    public Optional<TableKeys> keysOf(TableId table) {
        return withHandle(handle -> {
            List<String> columns = new ArrayList<>();
            Set<String> nullable = new HashSet<>();
            handle.createQuery("SELECT COLUMN_NAME, IS_NULLABLE FROM information_schema.COLUMNS"
                            + " WHERE TABLE_SCHEMA = :db AND TABLE_NAME = :table ORDER BY ORDINAL_POSITION")
                    .bind("db", table.database()).bind("table", table.table())
                    .map((rs, ctx) -> {
                        columns.add(rs.getString(1));
                        if ("YES".equals(rs.getString(2))) {
                            nullable.add(rs.getString(1));
                        }
                        return null;
                    }).list();
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            Map<String, List<String>> uniqueIndexes = new LinkedHashMap<>();
            handle.createQuery("SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                            + " WHERE TABLE_SCHEMA = :db AND TABLE_NAME = :table AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX")
                    .bind("db", table.database()).bind("table", table.table())
                    .map((rs, ctx) -> uniqueIndexes.computeIfAbsent(rs.getString(1), name -> new ArrayList<>()).add(rs.getString(2)))
                    .list();
            List<String> primaryKey = uniqueIndexes.getOrDefault("PRIMARY", List.of());
            List<UniqueKey> uniqueKeys = uniqueIndexes.entrySet().stream()
                    .filter(index -> !index.getKey().equals("PRIMARY"))
                    .map(index -> new UniqueKey(index.getKey(), index.getValue()))
                    .toList();
            return Optional.of(new TableKeys(table, columns, nullable, primaryKey, uniqueKeys));
        });
    }

    @Override
    public List<TableId> tablesOf(String database) {
        return withHandle(handle -> handle.createQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = :db AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")
                .bind("db", database)
                .map((rs, ctx) -> new TableId(database, rs.getString(1)))
                .list());
    }

    private <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (ConnectionException e) {
            throw connectionFailure(e);
        }
    }

    /** Why orderly cannot log in, with what to check; TLS is named when it may be the cause. Never shows the password. */
    private IllegalStateException connectionFailure(ConnectionException e) {
        SQLException sql = e.getCause() instanceof SQLException cause ? cause : null;
        StringBuilder message = new StringBuilder("cannot connect to the source database (" + SourceConnectionProperties.describe(settings) + "): "
                + (sql == null ? String.valueOf(e.getCause()) : sql.getMessage()) + ".");
        SourceTlsMode mode = settings.tls().mode();
        if (sql != null && sql.getErrorCode() == ACCESS_DENIED && !mode.verifiesCertificate() && mode != SourceTlsMode.REQUIRED) {
            message.append(" Check source.user and source.password; if the account requires TLS (REQUIRE SSL or stronger), set source.tls.mode"
                    + " to required, verify-ca or verify-identity (it is ").append(mode.configValue()).append(").");
        } else if (tlsCause(e).isPresent()) {
            message.append(" The TLS connection failed (").append(tlsCause(e).get().getMessage()).append("): check that the server has TLS"
                    + " enabled; with verify-ca or verify-identity its certificate must be signed by an authority in source.tls.truststore (or the"
                    + " JVM's default trust), and with verify-identity it must name source.host.");
        } else {
            message.append(" Check source.host, source.port, source.user and source.password, and that the server runs.");
        }
        return new IllegalStateException(message.toString(), e);
    }

    /** The innermost cause that is about TLS (a handshake, a certificate), if any. */
    private static Optional<Throwable> tlsCause(Throwable failure) {
        Throwable found = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof SSLException || cause instanceof GeneralSecurityException || text.contains("ssl") || text.contains("certificate")) {
                found = cause;
            }
        }
        return Optional.ofNullable(found);
    }
}
