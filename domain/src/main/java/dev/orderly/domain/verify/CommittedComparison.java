package dev.orderly.domain.verify;

import dev.orderly.domain.change.Operation;
import dev.orderly.domain.ordering.SplitRole;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Compares the transactions of a topic, in seq order, with the transactions the source committed,
 * in commit order (O3, O4, LOST, EXTRA, MISMATCH).
 *
 * <p>Each topic transaction is first paired with the committed one it stands for: by transaction id;
 * else by identical changes; else, for a transaction whose own records cannot tell (torn, or its id
 * unknown to the source listing), by its place next to an already paired neighbour. Pairing before
 * judging order keeps one lost or extra transaction from making every later one look wrong.
 */
final class CommittedComparison {

    private static final int LISTED_CHANGES = 3;

    /** One change of a topic transaction, split halves merged back into their update, and the record that reports it. */
    private record TopicChange(ChangeIdentity identity, ConsumedRecord record) {
    }

    private final List<TopicTransaction> topic;
    private final List<CommittedTransaction> committed;
    private final VerifierSettings settings;
    private final boolean totalOrder;
    private final List<List<TopicChange>> topicChanges;
    private final List<List<ChangeIdentity>> committedChanges;
    private final int[] committedOfTopic;
    private final int[] topicOfCommitted;
    private final List<Violation> violations = new ArrayList<>();

    private CommittedComparison(List<TopicTransaction> topic, List<CommittedTransaction> committed, VerifierSettings settings, boolean totalOrder) {
        this.topic = topic;
        this.committed = committed;
        this.settings = settings;
        this.totalOrder = totalOrder;
        this.topicChanges = topic.stream().map(this::changesOf).collect(Collectors.toList());
        this.committedChanges = committed.stream()
                .map(transaction -> transaction.changes().stream().map(ChangeIdentity::of).collect(Collectors.toUnmodifiableList()))
                .collect(Collectors.toList());
        this.committedOfTopic = new int[topic.size()];
        this.topicOfCommitted = new int[committed.size()];
        Arrays.fill(committedOfTopic, -1);
        Arrays.fill(topicOfCommitted, -1);
    }

    /**
     * @param topic the topic's transactions in seq order
     * @param committed the source's transactions in commit order
     */
    static List<Violation> compare(List<TopicTransaction> topic, List<CommittedTransaction> committed, VerifierSettings settings, boolean totalOrder) {
        CommittedComparison comparison = new CommittedComparison(topic, committed, settings, totalOrder);
        comparison.pairById();
        comparison.pairByChanges();
        comparison.pairByPosition();
        comparison.reportExtra();
        comparison.reportLost();
        comparison.reportCommitOrder();
        comparison.reportDifferences();
        return comparison.violations;
    }

    /** The changes of a complete transaction in index order; {@code null} for a torn one, whose changes cannot be judged. */
    private List<TopicChange> changesOf(TopicTransaction transaction) {
        if (!transaction.complete()) {
            return null;
        }
        List<ConsumedRecord> records = transaction.byIndex();
        List<TopicChange> changes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumedRecord record = records.get(i);
            ConsumedRecord next = i + 1 < records.size() ? records.get(i + 1) : null;
            if (next != null && areHalves(record, next)) {
                changes.add(new TopicChange(ChangeIdentity.of(record.table(), Operation.UPDATE, record.before(), next.after(),
                        settings.identityColumnsOf(record)), record));
                i++;
            } else {
                changes.add(new TopicChange(ChangeIdentity.of(record.table(), record.operation(), record.before(), record.after(),
                        settings.identityColumnsOf(record)), record));
            }
        }
        return changes;
    }

    private static boolean areHalves(ConsumedRecord deleteHalf, ConsumedRecord insertHalf) {
        return deleteHalf.split() == SplitRole.KEY_CHANGE_DELETE && insertHalf.split() == SplitRole.KEY_CHANGE_INSERT
                && deleteHalf.table().equals(insertHalf.table()) && deleteHalf.before() != null && insertHalf.after() != null;
    }

    private void pair(int topicIndex, int committedIndex) {
        committedOfTopic[topicIndex] = committedIndex;
        topicOfCommitted[committedIndex] = topicIndex;
    }

    private void pairById() {
        Map<String, ArrayDeque<Integer>> committedById = new HashMap<>();
        for (int j = 0; j < committed.size(); j++) {
            if (committed.get(j).id() != null) {
                committedById.computeIfAbsent(committed.get(j).id(), id -> new ArrayDeque<>()).add(j);
            }
        }
        for (int i = 0; i < topic.size(); i++) {
            ArrayDeque<Integer> candidates = committedById.get(topic.get(i).reference().id());
            if (candidates != null && !candidates.isEmpty()) {
                pair(i, candidates.poll());
            }
        }
    }

    private void pairByChanges() {
        Map<List<ChangeIdentity>, ArrayDeque<Integer>> unpairedByChanges = new HashMap<>();
        for (int j = 0; j < committed.size(); j++) {
            if (topicOfCommitted[j] < 0) {
                unpairedByChanges.computeIfAbsent(committedChanges.get(j), changes -> new ArrayDeque<>()).add(j);
            }
        }
        for (int i = 0; i < topic.size(); i++) {
            if (committedOfTopic[i] < 0 && topicChanges.get(i) != null) {
                ArrayDeque<Integer> candidates = unpairedByChanges.get(identities(topicChanges.get(i)));
                if (candidates != null && !candidates.isEmpty()) {
                    pair(i, candidates.poll());
                }
            }
        }
    }

    /** A committed transaction with a known id is never paired by position: its id already says it is another one. */
    private void pairByPosition() {
        for (int i = 0; i < topic.size(); i++) {
            if (committedOfTopic[i] >= 0) {
                continue;
            }
            int candidate = positionalCandidate(i);
            if (candidate >= 0 && candidate < committed.size() && topicOfCommitted[candidate] < 0 && committed.get(candidate).id() == null) {
                pair(i, candidate);
            }
        }
    }

    private int positionalCandidate(int i) {
        long seq = topic.get(i).seq();
        if (i > 0 && topic.get(i - 1).seq() == seq - 1 && committedOfTopic[i - 1] >= 0) {
            return committedOfTopic[i - 1] + 1;
        }
        if (i + 1 < topic.size() && topic.get(i + 1).seq() == seq + 1 && committedOfTopic[i + 1] >= 0) {
            return committedOfTopic[i + 1] - 1;
        }
        return -1;
    }

    private void reportExtra() {
        for (int i = 0; i < topic.size(); i++) {
            if (committedOfTopic[i] < 0) {
                TopicTransaction transaction = topic.get(i);
                violations.add(Violation.at("EXTRA", transaction.anchor(totalOrder), transaction.describe() + " with "
                        + transaction.records().size() + " record(s) matches no transaction the source committed"
                        + (topicChanges.get(i) == null ? "" : "; its changes: " + listed(identities(topicChanges.get(i))))));
            }
        }
    }

    private void reportLost() {
        int nextPaired = -1;
        List<Violation> lost = new ArrayList<>();
        for (int j = committed.size() - 1; j >= 0; j--) {
            if (topicOfCommitted[j] >= 0) {
                nextPaired = j;
                continue;
            }
            String what = "the source committed " + describeCommitted(j) + " (" + listed(committedChanges.get(j))
                    + ") but no record of it is in the topic";
            if (nextPaired < 0) {
                lost.add(Violation.nowhere("LOST", what + "; it belongs after the topic's last transaction"));
            } else {
                TopicTransaction following = topic.get(topicOfCommitted[nextPaired]);
                lost.add(Violation.at("LOST", following.anchor(totalOrder), what + "; it belongs before " + following.describe()));
            }
        }
        for (int k = lost.size() - 1; k >= 0; k--) {
            violations.add(lost.get(k));
        }
    }

    /** O3: paired transactions, taken in seq order, must stand in commit order; each descent is one violation. */
    private void reportCommitOrder() {
        int previous = -1;
        for (int i = 0; i < topic.size(); i++) {
            int j = committedOfTopic[i];
            if (j < 0) {
                continue;
            }
            if (previous >= 0 && j < committedOfTopic[previous]) {
                TopicTransaction later = topic.get(i);
                TopicTransaction earlier = topic.get(previous);
                violations.add(Violation.at("O3", later.anchor(totalOrder), later.describe() + " is the source's " + describeCommitted(j)
                        + ", but " + earlier.describe() + ", before it in seq order, is the source's " + describeCommitted(committedOfTopic[previous])
                        + ": the topic reverses their commit order"));
            }
            previous = i;
        }
    }

    private void reportDifferences() {
        for (int i = 0; i < topic.size(); i++) {
            int j = committedOfTopic[i];
            if (j >= 0 && topicChanges.get(i) != null) {
                reportIdDifference(i, j);
                reportChangeDifference(i, j);
            }
        }
    }

    private void reportIdDifference(int i, int j) {
        TopicTransaction transaction = topic.get(i);
        String committedId = committed.get(j).id();
        if (committedId != null && !committedId.equals(transaction.reference().id())) {
            violations.add(Violation.at("MISMATCH", transaction.anchor(totalOrder), transaction.describe()
                    + " carries the changes of the source's " + describeCommitted(j) + ", whose id differs"));
        }
    }

    /** O4 when the topic has the committed changes in another order, MISMATCH when it has other changes. */
    private void reportChangeDifference(int i, int j) {
        List<TopicChange> actual = topicChanges.get(i);
        List<ChangeIdentity> expected = committedChanges.get(j);
        int first = firstDifference(identities(actual), expected);
        if (first < 0) {
            return;
        }
        TopicTransaction transaction = topic.get(i);
        boolean sameChanges = counts(identities(actual)).equals(counts(expected));
        ConsumedRecord at = first < actual.size() ? actual.get(first).record() : actual.get(actual.size() - 1).record();
        String found = first < actual.size() ? actual.get(first).identity().toString() : "nothing (the topic has " + actual.size() + " changes)";
        String wanted = first < expected.size() ? expected.get(first).toString() : "nothing (it committed " + expected.size() + " changes)";
        String detail = "change #" + (first + 1) + " of " + transaction.describe() + " is " + found + " but the source's "
                + describeCommitted(j) + " has " + wanted + " there";
        violations.add(sameChanges
                ? Violation.at("O4", at, detail + "; the topic has the same changes in another order")
                : Violation.at("MISMATCH", at, detail));
    }

    private static int firstDifference(List<ChangeIdentity> actual, List<ChangeIdentity> expected) {
        int common = Math.min(actual.size(), expected.size());
        for (int k = 0; k < common; k++) {
            if (!actual.get(k).equals(expected.get(k))) {
                return k;
            }
        }
        return actual.size() == expected.size() ? -1 : common;
    }

    private static Map<ChangeIdentity, Integer> counts(List<ChangeIdentity> changes) {
        Map<ChangeIdentity, Integer> counts = new HashMap<>();
        changes.forEach(change -> counts.merge(change, 1, Integer::sum));
        return counts;
    }

    private static List<ChangeIdentity> identities(List<TopicChange> changes) {
        return changes.stream().map(TopicChange::identity).collect(Collectors.toList());
    }

    private String describeCommitted(int j) {
        String id = committed.get(j).id();
        return "committed transaction #" + (j + 1) + (id == null ? "" : " (id '" + id + "')");
    }

    private static String listed(List<ChangeIdentity> changes) {
        String shown = changes.stream().limit(LISTED_CHANGES).map(Objects::toString).collect(Collectors.joining(", "));
        return changes.size() <= LISTED_CHANGES ? shown : shown + ", ... " + changes.size() + " changes in all";
    }
}
