package dev.orderly.adapter.debezium;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.config.SourceType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The binlog settings a change data capture source needs, judged from the server's global variables
 * ({@code SHOW GLOBAL VARIABLES}): binary log on, row format, full row images, a server id that is set
 * and differs from orderly's own replica id, and the GTID mode (reported, not judged).
 */
final class ServerVariables {

    /** The variables {@link #checks} reads; absent ones (older or other servers) read as {@code (not set)}. */
    static final List<String> NAMES = List.of("log_bin", "binlog_format", "binlog_row_image", "server_id", "gtid_mode", "enforce_gtid_consistency",
            "gtid_strict_mode", "gtid_current_pos", "gtid_binlog_pos");

    private static final String NOT_SET = "(not set)";
    private static final String MY_CNF = " under [mysqld] in the server's my.cnf";

    private final Map<String, String> variables;
    private final SourceType type;
    private final long replicaServerId;

    /**
     * @param variables global variables by lower-case name
     * @param type the configured source type, which decides the GTID variables reported
     * @param replicaServerId {@code source.server-id}, the id orderly's binlog client uses
     */
    ServerVariables(Map<String, String> variables, SourceType type, long replicaServerId) {
        this.variables = Map.copyOf(requireNonNull(variables, "variables is null"));
        this.type = requireNonNull(type, "type is null");
        this.replicaServerId = replicaServerId;
    }

    List<CheckResult> checks() {
        return List.of(logBin(), binlogFormat(), binlogRowImage(), serverId(), gtidMode());
    }

    CheckResult logBin() {
        String found = value("log_bin");
        if (isOn(found)) {
            return CheckResult.pass("log_bin", "ON");
        }
        return CheckResult.fail("log_bin", "found " + found + ": the server writes no binary log, so there is nothing to read",
                "enable binary logging, which needs a restart: put log_bin=mysql-bin" + MY_CNF + " (and remove skip-log-bin or disable-log-bin"
                        + " if present), then restart the server");
    }

    CheckResult binlogFormat() {
        String found = value("binlog_format");
        if (found.equalsIgnoreCase("ROW")) {
            return CheckResult.pass("binlog_format", "ROW");
        }
        return CheckResult.fail("binlog_format", "found " + found + ": only ROW events carry the changed rows",
                "SET GLOBAL binlog_format=ROW (it applies to sessions opened afterwards: reconnect the applications that write the included"
                        + " tables), and put binlog_format=ROW" + MY_CNF + " so that it survives a restart");
    }

    CheckResult binlogRowImage() {
        String found = value("binlog_row_image");
        if (found.equalsIgnoreCase("FULL")) {
            return CheckResult.pass("binlog_row_image", "FULL");
        }
        return CheckResult.fail("binlog_row_image", "found " + found + ": without full row images, updates and deletes lack the columns of"
                        + " the sharding key and the record's before and after values",
                "SET GLOBAL binlog_row_image=FULL (new sessions only: reconnect the writing applications), and put binlog_row_image=FULL"
                        + MY_CNF + " so that it survives a restart");
    }

    CheckResult serverId() {
        String found = value("server_id");
        long serverId;
        try {
            serverId = Long.parseLong(found);
        } catch (NumberFormatException e) {
            serverId = 0;
        }
        if (serverId == 0) {
            return CheckResult.fail("server_id", "found " + found + ": a server without a server_id serves no replication client",
                    "SET GLOBAL server_id=1 and put server_id=1" + MY_CNF + " (any value that no other server or replica of this topology uses,"
                            + " and not source.server-id " + replicaServerId + ")");
        }
        if (serverId == replicaServerId) {
            return CheckResult.fail("server_id", "found " + serverId + ", the same as source.server-id: the server refuses a replica that has"
                    + " its own server id", "set source.server-id to an id that neither this server nor any of its replicas uses");
        }
        return CheckResult.pass("server_id", serverId + " (orderly reads the binlog as replica " + replicaServerId + ", source.server-id)");
    }

    CheckResult gtidMode() {
        if (type == SourceType.MARIADB) {
            return CheckResult.info("gtid_mode", "MariaDB GTIDs are always on: gtid_strict_mode=" + value("gtid_strict_mode")
                    + ", gtid_current_pos=" + blankAsNone(value("gtid_current_pos")));
        }
        String mode = value("gtid_mode");
        return CheckResult.info("gtid_mode", "gtid_mode=" + mode + ", enforce_gtid_consistency=" + value("enforce_gtid_consistency")
                + (isOn(mode) ? "; positions are GTID sets" : "; positions are binlog file and offset"));
    }

    private String value(String name) {
        String value = variables.get(name);
        return value == null ? NOT_SET : value.strip();
    }

    private static boolean isOn(String value) {
        String normalized = value.toUpperCase(Locale.ROOT);
        return normalized.equals("ON") || normalized.equals("1");
    }

    private static String blankAsNone(String value) {
        return value.isEmpty() ? "(empty: no transaction yet)" : value;
    }
}
