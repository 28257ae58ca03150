package dev.orderly.bench;

/** How the harness prints and stores its figures: whole numbers with thousands separators, "-" or JSON null for a missing one. */
final class Figures {

    private Figures() {
    }

    /** {@code 12,345}, or {@code -} for NaN and infinities. */
    static String figure(double value) {
        return Double.isFinite(value) ? String.format("%,.0f", value) : "-";
    }

    /** The value for JSON: null unless finite. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
