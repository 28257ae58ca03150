package dev.orderly.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's {@code -Xlog:gc} file: the heap occupancy each collection left, as in
 * {@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 180M->45M(256M) 3.4ms}. Only the pauses
 * that evacuate count (Pause Young, Pause Full): G1's Remark and Cleanup pauses, in the middle of a
 * concurrent cycle, leave the young regions as they are, so their figure holds garbage the next young
 * collection frees.
 */
final class GcLog {

    private static final Pattern OCCUPANCY = Pattern.compile("Pause (?:Young|Full).* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLog() {
    }

    /** The highest heap occupancy right after a young or full collection, in megabytes; NaN when the file is missing or logged none. */
    static double peakAfterGcMegabytes(Path file) {
        if (!Files.exists(file)) {
            return Double.NaN;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GC log " + file, e);
        }
        double peak = Double.NaN;
        for (String line : lines) {
            Matcher matcher = OCCUPANCY.matcher(line);
            if (matcher.find()) {
                double after = megabytes(Long.parseLong(matcher.group(3)), matcher.group(4));
                peak = Double.isNaN(peak) ? after : Math.max(peak, after);
            }
        }
        return peak;
    }

    private static double megabytes(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024.0;
            case "M" -> value;
            case "G" -> value * 1024.0;
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' in a GC log");
        };
    }
}
