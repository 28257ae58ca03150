package dev.orderly.sandbox.workload;

import dev.orderly.domain.verify.CommittedTransaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commit order of the workload's transactions as the server itself lists it
 * ({@code SHOW BINLOG EVENTS}): the order in which transaction tags appear in the rows-query /
 * annotate-rows events. Independent of Debezium and orderly, so it can judge them.
 */
public final class BinlogListing {

    private static final Pattern TAG = Pattern.compile("/\\*txn:([^*]+)\\*/");

    private BinlogListing() {
    }

    /** The tags of the committed transactions of the workload on {@code database}, in binlog (commit) order. */
    public static List<String> tagsInCommitOrder(String jdbcUrl, String user, String password, String database) throws SQLException {
        String prefix = database + ":";
        Set<String> tags = new LinkedHashSet<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password); Statement statement = connection.createStatement()) {
            List<String> files = new ArrayList<>();
            try (ResultSet logs = statement.executeQuery("SHOW BINARY LOGS")) {
                while (logs.next()) {
                    files.add(logs.getString(1));
                }
            }
            for (String file : files) {
                try (ResultSet events = statement.executeQuery("SHOW BINLOG EVENTS IN '" + file + "'")) {
                    while (events.next()) {
                        String type = events.getString("Event_type");
                        if ("Rows_query".equals(type) || "Annotate_rows".equals(type)) {
                            Matcher matcher = TAG.matcher(events.getString("Info"));
                            if (matcher.find() && matcher.group(1).startsWith(prefix)) {
                                tags.add(matcher.group(1));
                            }
                        }
                    }
                }
            }
        }
        return new ArrayList<>(tags);
    }

    /**
     * The committed transactions in commit order: the journal ordered by the binlog listing.
     *
     * @throws IllegalStateException when the binlog and the journal disagree on which transactions committed
     */
    public static List<CommittedTransaction> committedHistory(Map<String, CommittedTransaction> journal, List<String> tagsInCommitOrder) {
        List<CommittedTransaction> history = new ArrayList<>(journal.size());
        List<String> unknown = new ArrayList<>();
        for (String tag : tagsInCommitOrder) {
            CommittedTransaction transaction = journal.get(tag);
            if (transaction == null) {
                unknown.add(tag);
            } else {
                history.add(transaction);
            }
        }
        Set<String> missing = new LinkedHashSet<>(journal.keySet());
        missing.removeAll(tagsInCommitOrder);
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new IllegalStateException("the binlog and the workload journal disagree: in the binlog but not committed by the workload "
                    + first(unknown) + "; committed but not in the binlog " + first(new ArrayList<>(missing)));
        }
        return history;
    }

    private static List<String> first(List<String> tags) {
        return tags.size() <= 10 ? tags : tags.subList(0, 10);
    }
}
