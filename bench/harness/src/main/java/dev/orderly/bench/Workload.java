package dev.orderly.bench;

/**
 * One backlog: {@code transactions} transactions of {@code rowsPerTransaction} inserted rows each,
 * every row with a note of {@code noteBytes} characters.
 *
 * @param name how tables and reports call it, e.g. {@code small}
 */
record Workload(String name, int transactions, int rowsPerTransaction, int noteBytes) {

    Workload {
        if (transactions < 1) {
            throw new IllegalArgumentException("transactions must be >= 1 but got " + transactions);
        }
        if (rowsPerTransaction < 1) {
            throw new IllegalArgumentException("rowsPerTransaction must be >= 1 but got " + rowsPerTransaction);
        }
        if (noteBytes < 1 || noteBytes > 16_000) {
            throw new IllegalArgumentException("noteBytes must be in [1, 16000] but got " + noteBytes);
        }
    }

    long rows() {
        return (long) transactions * rowsPerTransaction;
    }

    String describe() {
        return String.format("%s: %,d rows in %,d transactions of %,d, note %,d B", name, rows(), transactions, rowsPerTransaction, noteBytes);
    }
}
