package dev.orderly.bench;

import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark table {@code bench.orders} and its rows, each a pure function of its id, so that the
 * rows written to MySQL and the records the producer ceiling sends are the same without being kept.
 * Customers (the sharding key) are spread evenly over {@link #CUSTOMERS}.
 */
final class BenchRows {

    static final String DATABASE = "bench";
    static final String TABLE = "orders";
    static final TableId TABLE_ID = new TableId(DATABASE, TABLE);
    static final String SHARDING_COLUMN = "customer_id";
    static final int CUSTOMERS = 10_000;

    private static final String[] STATUSES = {"new", "paid", "shipped", "cancelled"};
    private static final int NOTE_OFFSETS = 4_096;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";

    private final int noteBytes;
    private final String noteSource;

    BenchRows(int noteBytes) {
        this.noteBytes = noteBytes;
        Random random = new Random(42);
        StringBuilder source = new StringBuilder(noteBytes + NOTE_OFFSETS);
        for (int i = 0; i < noteBytes + NOTE_OFFSETS; i++) {
            source.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        this.noteSource = source.toString();
    }

    String createTable() {
        return "CREATE TABLE " + TABLE_ID + " (id BIGINT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL,"
                + " status VARCHAR(16) NOT NULL, note VARCHAR(" + Math.max(noteBytes, 1) + ") NOT NULL) ENGINE=InnoDB";
    }

    int customerId(long id) {
        return (int) Long.remainderUnsigned(mix(id), CUSTOMERS) + 1;
    }

    BigDecimal amount(long id) {
        return BigDecimal.valueOf(Long.remainderUnsigned(mix(id ^ 0x5DEECE66DL), 10_000_000L), 2);
    }

    String status(long id) {
        return STATUSES[(int) (id % STATUSES.length)];
    }

    String note(long id) {
        int offset = (int) Long.remainderUnsigned(mix(id + 7), NOTE_OFFSETS);
        return noteSource.substring(offset, offset + noteBytes);
    }

    /** Appends the SQL tuple of row {@code id}: {@code (id, customer_id, amount, 'status', 'note')}; the note has no quote to escape. */
    void appendValues(StringBuilder sql, long id) {
        sql.append('(').append(id).append(',').append(customerId(id)).append(',').append(amount(id).toPlainString()).append(",'")
                .append(status(id)).append("','").append(note(id)).append("')");
    }

    /** Appends one multi-row INSERT of the rows {@code firstId} to {@code firstId + count - 1}. */
    void appendInsert(StringBuilder sql, long firstId, int count) {
        sql.append("INSERT INTO ").append(TABLE_ID).append(" (id, customer_id, amount, status, note) VALUES ");
        for (int row = 0; row < count; row++) {
            if (row > 0) {
                sql.append(',');
            }
            appendValues(sql, firstId + row);
        }
    }

    /** The row as Debezium hands it to orderly (BIGINT a Long, INT an Integer, DECIMAL a BigDecimal with {@code decimal.handling.mode=precise}). */
    Row row(long id) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("customer_id", customerId(id));
        values.put("amount", amount(id));
        values.put("status", status(id));
        values.put("note", note(id));
        return Row.of(values);
    }

    /** SplitMix64's finalizer: a cheap, well-spread function of the id. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
