package dev.orderly.bench.jmh;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.TableKeys;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The table every benchmark works on, {@code shop.orders}: six columns of the types a source adapter
 * hands over (BIGINT as {@link Long}, INT as {@link Integer}, VARCHAR as {@link String}, DECIMAL as
 * {@link BigDecimal}), and generated rows of it. Rows come from a seeded {@link Random}, so every run
 * measures the same data. Public only because JMH's generated code sets the enum parameters.
 */
public final class OrdersTable {

    static final TableId TABLE = new TableId("shop", "orders");
    static final List<String> COLUMNS = List.of("id", "customer_id", "quantity", "status", "amount", "note");
    static final TableKeys KEYS = new TableKeys(TABLE, COLUMNS, Set.of("note"), List.of("id"), List.of());

    /** How large a row is: its after image written as a JSON object. */
    public enum RowSize {
        /** About 150 bytes: a typical order row with a short note. */
        SMALL(60),
        /** About 4 KB: the same row with a 4,000-character note (a TEXT column). */
        LARGE_4KB(4_000);

        private final int noteLength;

        RowSize(int noteLength) {
            this.noteLength = noteLength;
        }
    }

    /** The sharding columns a benchmark keys the table by. */
    public enum KeyColumns {
        /** The primary key, one BIGINT: the most common key. */
        ID(ShardingColumns.Origin.PRIMARY_KEY, "id"),
        /** A configured key of a BIGINT and a VARCHAR. */
        CUSTOMER_ID_STATUS(ShardingColumns.Origin.CONFIGURED, "customer_id", "status"),
        /** A configured DECIMAL key: the encoding strips trailing zeros (docs/HASH.md). */
        AMOUNT(ShardingColumns.Origin.CONFIGURED, "amount");

        private final ShardingColumns columns;

        KeyColumns(ShardingColumns.Origin origin, String... columns) {
            this.columns = new ShardingColumns(TABLE, List.of(columns), origin);
        }

        ShardingColumns columns() {
            return columns;
        }
    }

    private static final String[] STATUSES = {"NEW", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED"};
    private static final String[] WORDS = {"deliver", "to", "the", "back", "door", "please", "ring", "twice", "gift", "wrap", "fragile",
        "leave", "with", "neighbour", "Zürich", "café", "floor", "3", "after", "6pm", "call", "ahead"};

    private final Random random;
    private final RowSize size;
    private long nextId = 48_213_907L;
    private long position = 157_024_311L;

    /** @param seed the seed of the generated values; equal seeds give equal rows */
    OrdersTable(long seed, RowSize size) {
        this.random = new Random(seed);
        this.size = size;
    }

    /** A new row with the next id. */
    Row newRow() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", nextId++);
        values.put("customer_id", 100_000L + random.nextInt(900_000));
        values.put("quantity", 1 + random.nextInt(20));
        values.put("status", STATUSES[random.nextInt(STATUSES.length)]);
        values.put("amount", BigDecimal.valueOf(100 + random.nextInt(999_900), 2));
        values.put("note", note(size.noteLength));
        return Row.of(values);
    }

    /** The row after a typical update: a new status and amount, the same id. */
    Row updated(Row before) {
        Map<String, Object> values = new LinkedHashMap<>(before.values());
        values.put("status", STATUSES[random.nextInt(STATUSES.length)]);
        values.put("amount", BigDecimal.valueOf(100 + random.nextInt(999_900), 2));
        return Row.of(values);
    }

    ChangeEvent insert() {
        return ChangeEvent.insert(TABLE, newRow(), source());
    }

    ChangeEvent update() {
        Row before = newRow();
        return ChangeEvent.update(TABLE, before, updated(before), source());
    }

    ChangeEvent delete() {
        return ChangeEvent.delete(TABLE, newRow(), source());
    }

    /** The source block the Debezium source adapter keeps: server_id, file, pos, row, gtid, ts_ms. */
    Map<String, Object> source() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("server_id", 5401L);
        source.put("file", "binlog.000042");
        source.put("pos", position);
        source.put("row", 0);
        source.put("gtid", "3e11fa47-71ca-11e1-9e33-c80aa9429562:" + (position / 1000));
        source.put("ts_ms", 1_795_000_000_000L + position / 100);
        position += 120 + random.nextInt(400);
        return source;
    }

    private String note(int length) {
        StringBuilder note = new StringBuilder(length + 16);
        while (note.length() < length) {
            if (note.length() > 0) {
                note.append(' ');
            }
            note.append(WORDS[random.nextInt(WORDS.length)]);
        }
        note.setLength(length);
        return note.toString();
    }
}
