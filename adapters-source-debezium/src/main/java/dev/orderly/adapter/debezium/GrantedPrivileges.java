package dev.orderly.adapter.debezium;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The global privileges ({@code ON *.*}) an account holds, read from the lines of
 * {@code SHOW GRANTS FOR CURRENT_USER()} of MySQL or MariaDB. Other lines (database and table grants,
 * role grants, {@code PROXY}) hold no replication privilege and are skipped.
 */
final class GrantedPrivileges {

    /** {@code GRANT <privileges> ON *.* TO ...}; MySQL quotes the target as {@code *.*}, never otherwise. */
    private static final Pattern GLOBAL_GRANT = Pattern.compile("^GRANT\\s+(.+?)\\s+ON\\s+\\*\\.\\*\\s+TO\\s", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Set<String> ALL = Set.of("ALL", "ALL PRIVILEGES");

    private final Set<String> privileges;

    private GrantedPrivileges(Set<String> privileges) {
        this.privileges = Collections.unmodifiableSet(privileges);
    }

    static GrantedPrivileges parse(List<String> grantLines) {
        Set<String> privileges = new LinkedHashSet<>();
        for (String line : requireNonNull(grantLines, "grantLines is null")) {
            Matcher grant = GLOBAL_GRANT.matcher(line.strip());
            if (grant.find()) {
                for (String privilege : splitTopLevel(grant.group(1))) {
                    privileges.add(privilege.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT));
                }
            }
        }
        return new GrantedPrivileges(privileges);
    }

    /** Every global privilege granted, upper case, in the order granted. */
    Set<String> all() {
        return privileges;
    }

    /**
     * The first of {@code names} that is granted on {@code *.*}, or {@code ALL PRIVILEGES} when that was
     * granted; empty when none of them is.
     */
    Optional<String> firstOf(String... names) {
        for (String name : names) {
            if (privileges.contains(name)) {
                return Optional.of(name);
            }
        }
        return privileges.stream().filter(ALL::contains).findFirst();
    }

    /** Splits at commas outside parentheses: a column grant such as {@code SELECT (a, b)} stays whole. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts.stream().filter(part -> !part.isBlank()).toList();
    }

    @Override
    public String toString() {
        return privileges.isEmpty() ? "(none)" : String.join(", ", privileges);
    }
}
