package dev.orderly.app.metrics;

import java.nio.ByteBuffer;
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
    private static final ByteBuffer NO_KEY = ByteBuffer.allocate(0);

    private final int capacity;
    /** Keys as they are, not as text: printing happens only when someone asks for the top keys, not for every sampled record. */
    private final Map<ByteBuffer, long[]> counters = new HashMap<>();
    private long offered;

    HotKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 but got " + capacity);
        }
        this.capacity = capacity;
    }

    /** @param key the record's key, or null; not modified, and kept only while it is counted */
    synchronized void offer(byte[] key) {
        offered++;
        ByteBuffer wrapped = key == null ? NO_KEY : ByteBuffer.wrap(key);
        long[] count = counters.get(wrapped);
        if (count != null) {
            count[0]++;
            return;
        }
        if (counters.size() < capacity) {
            counters.put(wrapped, new long[] {1});
            return;
        }
        Map.Entry<ByteBuffer, long[]> smallest = null;
        for (Map.Entry<ByteBuffer, long[]> entry : counters.entrySet()) {
            if (smallest == null || entry.getValue()[0] < smallest.getValue()[0]) {
                smallest = entry;
            }
        }
        long taken = smallest.getValue()[0];
        counters.remove(smallest.getKey());
        counters.put(wrapped, new long[] {taken + 1});
    }

    /** The {@code n} keys with the largest estimated counts, largest first, each with its share of the sample. */
    synchronized List<HotKey> top(int n) {
        List<HotKey> all = new ArrayList<>(counters.size());
        Map<String, Long> counts = new HashMap<>();
        counters.forEach((key, count) -> counts.merge(printable(key == NO_KEY ? null : bytes(key)), count[0], Long::sum));
        counts.forEach((key, count) -> all.add(new HotKey(key, (double) count / offered)));
        all.sort(Comparator.comparingDouble(HotKey::share).reversed().thenComparing(HotKey::key));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    private static byte[] bytes(ByteBuffer key) {
        byte[] bytes = new byte[key.remaining()];
        key.duplicate().get(bytes);
        return bytes;
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
