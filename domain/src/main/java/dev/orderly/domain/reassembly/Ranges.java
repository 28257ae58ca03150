package dev.orderly.domain.reassembly;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Short listings of numbers and record positions for error messages. A torn transaction may have a
 * million records, so runs of numbers become ranges and long listings are cut.
 */
final class Ranges {

    private static final int SHOWN_RANGES = 8;

    private Ranges() {
    }

    /** {@code 3-5, 9, 12} for the sorted, distinct {@code values}; {@code none} when there are none. */
    static String of(long[] values) {
        if (values.length == 0) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        int ranges = 0;
        int start = 0;
        while (start < values.length) {
            int end = start;
            while (end + 1 < values.length && values[end + 1] == values[end] + 1) {
                end++;
            }
            if (ranges < SHOWN_RANGES) {
                text.append(ranges == 0 ? "" : ", ").append(values[start]);
                if (end > start) {
                    text.append('-').append(values[end]);
                }
            }
            ranges++;
            start = end + 1;
        }
        if (ranges > SHOWN_RANGES) {
            text.append(" and ").append(ranges - SHOWN_RANGES).append(" more ranges");
        }
        return text.toString();
    }

    /** {@code partition 0 offsets 3-5, 9; partition 2 offset 7} for records, whatever their type. */
    static <T> String positions(Collection<T> records, ToIntFunction<T> partition, ToLongFunction<T> offset) {
        Map<Integer, long[]> offsets = records.stream().collect(Collectors.groupingBy(partition::applyAsInt, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(), ofPartition -> ofPartition.stream().mapToLong(offset).sorted().distinct().toArray())));
        return offsets.entrySet().stream()
                .map(entry -> "partition " + entry.getKey() + (entry.getValue().length == 1 ? " offset " : " offsets ") + of(entry.getValue()))
                .collect(Collectors.joining("; "));
    }
}
