package dev.orderly.adapter.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds what a misspelt key or value most likely meant, by edit distance, so a fix can say "did you
 * mean 'bootstrap-servers'?".
 */
final class ClosestMatch {

    private ClosestMatch() {
    }

    /**
     * The candidate nearest to {@code written}, if it is near enough to be a likely typo: at most one
     * edit for words up to 4 characters, two up to 10, three beyond. Case is ignored; ties go to the
     * candidate that sorts first.
     */
    static Optional<String> among(String written, Collection<String> candidates) {
        String lowerWritten = written.toLowerCase(Locale.ROOT);
        int allowedDistance = lowerWritten.length() <= 4 ? 1 : lowerWritten.length() <= 10 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates.stream().sorted().toList()) {
            int distance = distance(lowerWritten, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowedDistance ? Optional.of(best) : Optional.empty();
    }

    /** A fix for a value that is not among {@code candidates}: the likely meant one, or {@code otherwise}. */
    static String suggestion(String written, Collection<String> candidates, String otherwise) {
        return among(written, candidates).map(match -> "did you mean '" + match + "'?").orElse(otherwise);
    }

    /**
     * Edit distance counting single-character insertions, deletions and substitutions, and a swap of
     * two neighbours ({@code hots} for {@code host}) as one edit, as typing mistakes go.
     */
    static int distance(String from, String to) {
        int[][] distances = new int[from.length() + 1][to.length() + 1];
        for (int i = 0; i <= from.length(); i++) {
            distances[i][0] = i;
        }
        for (int j = 0; j <= to.length(); j++) {
            distances[0][j] = j;
        }
        for (int i = 1; i <= from.length(); i++) {
            for (int j = 1; j <= to.length(); j++) {
                int cost = from.charAt(i - 1) == to.charAt(j - 1) ? 0 : 1;
                int best = Math.min(distances[i - 1][j - 1] + cost, Math.min(distances[i - 1][j] + 1, distances[i][j - 1] + 1));
                boolean swapped = i > 1 && j > 1 && from.charAt(i - 1) == to.charAt(j - 2) && from.charAt(i - 2) == to.charAt(j - 1);
                distances[i][j] = swapped ? Math.min(best, distances[i - 2][j - 2] + 1) : best;
            }
        }
        return distances[from.length()][to.length()];
    }
}
