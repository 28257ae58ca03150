package dev.orderly.adapter.debezium;

import static java.util.Objects.requireNonNull;

import dev.orderly.domain.change.TableId;
import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The preflight of the source database for {@code orderly check}: it connects as
 * {@code source.user} exactly as the pipeline does and checks the binlog settings
 * ({@link ServerVariables}), the replication privileges ({@link GrantedPrivileges}) and {@code SELECT}
 * on every included table. Reads only; changes nothing on the server.
 *
 * <p>Lifecycle: {@link #connection()} first; the other checks need it to have passed. {@link #close()}
 * closes the connection. Not thread-safe.
 */
public final class SourcePreflight implements AutoCloseable {

    /** MySQL and MariaDB: {@code SELECT command denied to user ... for table ...}. */
    private static final int TABLE_ACCESS_DENIED = 1142;
    /** MySQL and MariaDB: {@code Table ... doesn't exist}. */
    private static final int NO_SUCH_TABLE = 1146;
    /** MySQL and MariaDB: {@code Access denied for user ...} at login. */
    private static final int ACCESS_DENIED = 1045;

    private final SourceSettings settings;
    private final Jdbi jdbi;
    private Handle handle;
    private String account;
    private String version;

    public SourcePreflight(SourceSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        // The URL and properties (credentials, TLS) JdbiTableMetadata uses, so that the preflight connects as the pipeline will.
        this.jdbi = Jdbi.create(SourceConnectionProperties.jdbcUrl(settings), SourceConnectionProperties.jdbcProperties(settings));
    }

    /** Connects; a failure names what to check (address, account, password). */
    public CheckResult connection() {
        String target = settings.type().configValue() + " at " + settings.host() + ":" + settings.port() + " as " + settings.user();
        try {
            handle = jdbi.open();
            version = handle.createQuery("SELECT VERSION()").mapTo(String.class).one();
            account = handle.createQuery("SELECT CURRENT_USER()").mapTo(String.class).one();
            return CheckResult.pass("source connection", target + " (account " + account + "): server " + version);
        } catch (RuntimeException e) {
            return connectionFailure(target, e);
        }
    }

    /** {@code source.type} against the server's own version string: the MySQL connector cannot read MariaDB's binlog and vice versa. */
    public CheckResult sourceType() {
        SourceType actual = version.toLowerCase(Locale.ROOT).contains("mariadb") ? SourceType.MARIADB : SourceType.MYSQL;
        if (actual == settings.type()) {
            return CheckResult.pass("source.type", settings.type().configValue() + " (server version " + version + ")");
        }
        return CheckResult.fail("source.type", "found " + settings.type().configValue() + " but the server is " + actual.configValue() + " (version "
                + version + ")", "set source.type: " + actual.configValue());
    }

    /** log_bin, binlog_format, binlog_row_image, server_id, and the GTID mode for information. */
    public List<CheckResult> binlogSettings() {
        String names = ServerVariables.NAMES.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
        Map<String, String> variables = new HashMap<>();
        handle.createQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN (" + names + ")")
                .map((rs, ctx) -> variables.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2)))
                .list();
        return new ServerVariables(variables, settings.type(), settings.serverId()).checks();
    }

    /** REPLICATION SLAVE and REPLICATION CLIENT (MariaDB: BINLOG MONITOR) on {@code *.*}, from {@code SHOW GRANTS}. */
    public List<CheckResult> replicationPrivileges() {
        GrantedPrivileges granted = GrantedPrivileges.parse(handle.createQuery("SHOW GRANTS FOR CURRENT_USER()").mapTo(String.class).list());
        return List.of(
                privilege(granted, "REPLICATION SLAVE", "reads the binlog as a replica", "REPLICATION SLAVE", "REPLICATION REPLICA"),
                settings.type() == SourceType.MARIADB
                        ? privilege(granted, "REPLICATION CLIENT", "asks for the binlog position (SHOW BINLOG STATUS)", "BINLOG MONITOR",
                                "REPLICATION CLIENT")
                        : privilege(granted, "REPLICATION CLIENT", "asks for the binlog position (SHOW MASTER STATUS)", "REPLICATION CLIENT"));
    }

    /**
     * SELECT on every included table, tried with {@code SELECT * FROM table LIMIT 0}: what the server
     * says is what counts, whatever the grants look like. A table that does not exist is left to the
     * table check.
     */
    public CheckResult selectPrivilege() {
        List<TableId> denied = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (TableId table : settings.include()) {
            trySelect(table).ifPresent(error -> {
                if (error.getErrorCode() == TABLE_ACCESS_DENIED) {
                    denied.add(table);
                } else if (error.getErrorCode() == NO_SUCH_TABLE) {
                    missing.add(table.toString());
                } else {
                    errors.add(table + ": " + error.getMessage());
                }
            });
        }
        String notExisting = missing.isEmpty() ? "" : "; not tried: " + String.join(", ", missing) + " (does not exist, see tables)";
        if (!denied.isEmpty() || !errors.isEmpty()) {
            List<String> found = new ArrayList<>();
            if (!denied.isEmpty()) {
                found.add(account + " may not SELECT from " + denied.stream().map(TableId::toString).collect(Collectors.joining(", ")));
            }
            found.addAll(errors);
            String grants = denied.stream().map(TableId::database).distinct().map(database -> "GRANT SELECT ON " + quoted(database) + ".* TO "
                    + quotedAccount()).collect(Collectors.joining("; "));
            return CheckResult.fail("privilege SELECT", String.join("; ", found) + notExisting,
                    denied.isEmpty() ? "see the error" : grants + " (or GRANT SELECT ON *.* TO " + quotedAccount() + ")");
        }
        int tried = settings.include().size() - missing.size();
        return CheckResult.pass("privilege SELECT", "SELECT works on " + (tried == 1 ? "the included table" : "all " + tried + " included tables")
                + notExisting);
    }

    private Optional<SQLException> trySelect(TableId table) {
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.executeQuery("SELECT * FROM " + quoted(table.database()) + "." + quoted(table.table()) + " LIMIT 0").close();
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e);
        }
    }

    private CheckResult privilege(GrantedPrivileges granted, String privilege, String why, String... accepted) {
        String name = "privilege " + privilege;
        Optional<String> found = granted.firstOf(accepted);
        if (found.isPresent()) {
            return CheckResult.pass(name, "granted on *.* to " + account + (found.get().equals(privilege) ? "" : " as " + found.get()));
        }
        String alternatives = accepted.length == 1 ? "" : " (or " + String.join(" or ", List.of(accepted).subList(1, accepted.length)) + ")";
        return CheckResult.fail(name, account + " lacks " + accepted[0] + alternatives
                        + " on *.*, which orderly needs because it " + why + "; SHOW GRANTS FOR CURRENT_USER() grants on *.*: " + granted,
                "GRANT " + accepted[0] + " ON *.* TO " + quotedAccount());
    }

    private CheckResult connectionFailure(String target, RuntimeException e) {
        Optional<SQLException> cause = sqlCause(e);
        String message = cause.<String>map(Throwable::getMessage).orElse(e.getMessage() == null ? e.toString() : e.getMessage());
        String detail = "cannot connect to " + target + ": " + message.lines().findFirst().orElse(message);
        if (cause.isPresent() && cause.get().getErrorCode() == ACCESS_DENIED) {
            return CheckResult.fail("source connection", detail, "check source.user and source.password; the account must exist for this"
                    + " host, e.g. CREATE USER '" + settings.user() + "'@'%' IDENTIFIED BY '...'");
        }
        return CheckResult.fail("source connection", detail, "check source.host and source.port (" + settings.host() + ":" + settings.port()
                + "), that the server runs, and that it accepts TCP connections from this host");
    }

    private static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /** {@code 'user'@'host'} of the account the server matched, as GRANT takes it. */
    private String quotedAccount() {
        int at = account.lastIndexOf('@');
        return at < 0 ? "'" + account + "'" : "'" + account.substring(0, at) + "'@'" + account.substring(at + 1) + "'";
    }

    private static String quoted(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public void close() {
        if (handle != null) {
            handle.close();
        }
    }
}
