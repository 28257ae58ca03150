package dev.orderly.sandbox;

import java.util.regex.Pattern;

/**
 * The two accounts every sandbox database gets, and the checks shared by both database flavours.
 * The passwords are fixed: the servers only listen on 127.0.0.1 and exist for demos and tests.
 */
final class DatabaseAccounts {

    static final String ADMIN_USER = "orderly_admin";
    static final String ADMIN_PASSWORD = "orderly-admin-pw";
    static final String CDC_USER = "orderly_cdc";
    static final String CDC_PASSWORD = "orderly-cdc-pw";

    static final String HOST = "127.0.0.1";

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z0-9_$]+");

    private DatabaseAccounts() {
    }

    /**
     * The script run by the server's {@code --init-file} at every start: it creates both accounts if
     * they are missing and is not written to the binlog. The server executes such a file one line at a
     * time, so every statement must stay on one line.
     *
     * @param authentication what follows {@code IDENTIFIED} for a password, e.g. {@code "BY"}
     * @param cdcPrivileges the privilege list for the CDC account
     * @param preamble statements to run first, e.g. to drop anonymous accounts
     */
    static String initScript(String authentication, String cdcPrivileges, String... preamble) {
        StringBuilder script = new StringBuilder("SET SQL_LOG_BIN = 0;\n");
        for (String statement : preamble) {
            script.append(statement).append('\n');
        }
        script.append("CREATE USER IF NOT EXISTS '").append(ADMIN_USER).append("'@'%' IDENTIFIED ")
                .append(authentication).append(" '").append(ADMIN_PASSWORD).append("';\n")
                .append("GRANT ALL PRIVILEGES ON *.* TO '").append(ADMIN_USER).append("'@'%' WITH GRANT OPTION;\n")
                .append("CREATE USER IF NOT EXISTS '").append(CDC_USER).append("'@'%' IDENTIFIED ")
                .append(authentication).append(" '").append(CDC_PASSWORD).append("';\n")
                .append("GRANT ").append(cdcPrivileges).append(" ON *.* TO '").append(CDC_USER).append("'@'%';\n")
                .append("SET SQL_LOG_BIN = 1;\n");
        return script.toString();
    }

    /** Checks the argument of {@link EmbeddedDatabase#jdbcUrl(String)} and returns the URL path part. */
    static String databasePath(String database) {
        if (database == null) {
            throw new NullPointerException("database is null (use \"\" for no default database)");
        }
        if (!database.isEmpty() && !PLAIN_IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "database must be empty or a plain identifier [A-Za-z0-9_$]+ but got '" + database + "'");
        }
        return "/" + database;
    }
}
