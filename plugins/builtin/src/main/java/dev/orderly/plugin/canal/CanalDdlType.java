package dev.orderly.plugin.canal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Canal {@code type} of a DDL statement: Canal's event type names for what the statement does. */
final class CanalDdlType {

    /** Leading blanks and comments, which MySQL keeps in the logged statement. */
    private static final Pattern LEADING_NOISE = Pattern.compile("\\A(?:\\s+|/\\*.*?\\*/|(?:--\\s|#)[^\\n]*(?:\\n|\\z))*", Pattern.DOTALL);
    private static final Pattern WORDS = Pattern.compile("\\A(\\w+)(?:\\s+(\\w+))?(?:\\s+(\\w+))?");

    private CanalDdlType() {
    }

    /**
     * {@code CREATE} (table), {@code ALTER} (table), {@code ERASE} (drop table), {@code RENAME},
     * {@code TRUNCATE}, {@code CINDEX} (create index), {@code DINDEX} (drop index), and {@code QUERY}
     * for any other statement.
     */
    static String of(String ddl) {
        Matcher noise = LEADING_NOISE.matcher(ddl);
        String statement = noise.lookingAt() ? ddl.substring(noise.end()) : ddl;
        Matcher words = WORDS.matcher(statement.toUpperCase(Locale.ROOT));
        if (!words.lookingAt()) {
            return "QUERY";
        }
        String first = words.group(1);
        String second = words.group(2) == null ? "" : words.group(2);
        String third = words.group(3) == null ? "" : words.group(3);
        return switch (first) {
            case "CREATE" -> createType(second, third);
            case "ALTER" -> "TABLE".equals(second) || "ONLINE".equals(second) || "IGNORE".equals(second) ? "ALTER" : "QUERY";
            case "DROP" -> "TABLE".equals(second) || "TEMPORARY".equals(second) ? "ERASE" : "INDEX".equals(second) ? "DINDEX" : "QUERY";
            case "RENAME" -> "TABLE".equals(second) ? "RENAME" : "QUERY";
            case "TRUNCATE" -> "TRUNCATE";
            default -> "QUERY";
        };
    }

    private static String createType(String second, String third) {
        if ("TABLE".equals(second) || ("TEMPORARY".equals(second) && "TABLE".equals(third))) {
            return "CREATE";
        }
        if ("INDEX".equals(second) || ("INDEX".equals(third) && ("UNIQUE".equals(second) || "FULLTEXT".equals(second) || "SPATIAL".equals(second)))) {
            return "CINDEX";
        }
        return "QUERY";
    }
}
