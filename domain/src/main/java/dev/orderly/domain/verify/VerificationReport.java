package dev.orderly.domain.verify;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of {@link OrderVerifier#verify}.
 *
 * @param violations every violation found, ordered by partition and offset (those that point at no
 *     record first)
 * @param records the number of records checked, replayed ones included
 * @param transactions the number of distinct transactions ({@code seq} values) among them
 * @param partitionsUsed the partitions that hold at least one record
 * @param replayedRecords how many of the records repeat earlier ones as part of a replayed suffix
 *     that the settings allow (at-least-once, D1); always 0 when replays are not allowed
 * @param notices what the contract allows but a reader should know (each allowed replay, transactions
 *     possibly still in flight), ordered by partition and offset
 * @param controlRecords the number of control records checked (watermarks, schema changes, epoch markers)
 */
public record VerificationReport(List<Violation> violations, long records, long transactions, SortedSet<Integer> partitionsUsed,
                                 long replayedRecords, List<Notice> notices, long controlRecords) {

    private static final int LISTED_VIOLATIONS = 20;

    public VerificationReport {
        violations = List.copyOf(requireNonNull(violations, "violations is null"));
        notices = List.copyOf(requireNonNull(notices, "notices is null"));
        partitionsUsed = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(partitionsUsed, "partitionsUsed is null")));
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0 but got " + records);
        }
        if (transactions < 0) {
            throw new IllegalArgumentException("transactions must be >= 0 but got " + transactions);
        }
        if (replayedRecords < 0 || replayedRecords > records) {
            throw new IllegalArgumentException("replayedRecords must be in [0, " + records + "] but got " + replayedRecords);
        }
        if (controlRecords < 0) {
            throw new IllegalArgumentException("controlRecords must be >= 0 but got " + controlRecords);
        }
    }

    /** A report of data records alone, without notices. */
    public VerificationReport(List<Violation> violations, long records, long transactions, SortedSet<Integer> partitionsUsed,
                              long replayedRecords) {
        this(violations, records, transactions, partitionsUsed, replayedRecords, List.of(), 0);
    }

    /** A report of a topic without replayed records. */
    public VerificationReport(List<Violation> violations, long records, long transactions, SortedSet<Integer> partitionsUsed) {
        this(violations, records, transactions, partitionsUsed, 0);
    }

    public boolean clean() {
        return violations.isEmpty();
    }

    /** The counts (notices per kind among them), the violations per rule and the first violations, one per line. */
    public String summary() {
        String replayed = replayedRecords > 0 ? " (" + replayedRecords + " replayed)" : "";
        String controls = controlRecords > 0 ? ", " + controlRecords + " control records" : "";
        String noticed = notices.isEmpty() ? "" : "; notices " + noticeCountsByKind();
        String scope = records + " records" + replayed + ", " + transactions + " transactions" + controls + ", partitions " + partitionsUsed
                + noticed;
        if (clean()) {
            return "clean: " + scope;
        }
        StringBuilder out = new StringBuilder()
                .append(violations.size()).append(" violations ").append(countsByRule()).append(" in ").append(scope);
        violations.stream().limit(LISTED_VIOLATIONS).forEach(violation -> out.append("\n  ").append(violation));
        if (violations.size() > LISTED_VIOLATIONS) {
            out.append("\n  ... and ").append(violations.size() - LISTED_VIOLATIONS).append(" more");
        }
        return out.toString();
    }

    private Map<String, Integer> noticeCountsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        notices.forEach(notice -> counts.merge(notice.kind().label(), 1, Integer::sum));
        return counts;
    }

    private Map<String, Integer> countsByRule() {
        Map<String, Integer> counts = new TreeMap<>();
        violations.forEach(violation -> counts.merge(violation.rule(), 1, Integer::sum));
        return counts;
    }
}
