package dev.orderly.app.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The most frequent keys of one partition, estimated over a sample of its records with the
 * Space-Saving algorithm (Metwally et al.): at most {@code capacity} counters; a new key takes over the
 * smallest counter, so a key's count may be over-estimated by at most that counter's value, never
 * under-estimated. Memory stays bounded however many keys there are.
 *
 * <p>Threading: {@link #offer} and {@link #top} may be called from different threads.
 */
final class HotKeys {

    /** One of the hottest keys: a printable form of it and its share of the sampled records. */
    record HotKey(String key, double share) {
    }

    private static final int MAX_PRINTED_LENGTH = 64;

    private final int capacity;
    private final Map<String, long[]> counters = new HashMap<>();
    private long offered;

    HotKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 but got " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void offer(byte[] key) {
        offered++;
        String printed = printable(key);
        long[] count = counters.get(printed);
        if (count != null) {
            count[0]++;
            return;
        }
        if (counters.size() < capacity) {
            counters.put(printed, new long[] {1});
            return;
        }
        Map.Entry<String, long[]> smallest = counters.entrySet().stream().min(Comparator.comparingLong(entry -> entry.getValue()[0])).orElseThrow();
        counters.remove(smallest.getKey());
        counters.put(printed, new long[] {smallest.getValue()[0] + 1});
    }

    /** The {@code n} keys with the largest estimated counts, largest first, each with its share of the sample. */
    synchronized List<HotKey> top(int n) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counters.entrySet());
        entries.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(entry -> entry.getValue()[0]).reversed().thenComparing(Map.Entry::getKey));
        List<HotKey> top = new ArrayList<>(Math.min(n, entries.size()));
        for (Map.Entry<String, long[]> entry : entries.subList(0, Math.min(n, entries.size()))) {
            top.add(new HotKey(entry.getKey(), (double) entry.getValue()[0] / offered));
        }
        return top;
    }

    /** The key as text when it is printable UTF-8, else in hex; {@code (none)} for a record without key; at most 64 characters. */
    static String printable(byte[] key) {
        if (key == null) {
            return "(none)";
        }
        String text = new String(key, StandardCharsets.UTF_8);
        boolean printable = text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd);
        String printed = printable ? text : "0x" + HexFormat.of().formatHex(key);
        return printed.length() <= MAX_PRINTED_LENGTH ? printed : printed.substring(0, MAX_PRINTED_LENGTH - 1) + "…";
    }
}
