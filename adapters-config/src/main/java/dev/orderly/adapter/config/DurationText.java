package dev.orderly.adapter.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the file writes them: a whole number and one unit, {@code ms}, {@code s}, {@code m}
 * or {@code h} ({@code 500ms}, {@code 30s}, {@code 2m}). What a user most likely meant by another
 * spelling ({@code 30sec}, {@code 1.5m}, {@code 1d}) becomes the fix instead of being accepted, so
 * one file reads the same everywhere.
 */
final class DurationText {

    static final String UNITS = "ms, s, m or h";

    private static final Pattern WHOLE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final Pattern DECIMAL = Pattern.compile("(\\d*[.,]\\d+)\\s*([A-Za-z]+)");
    private static final Map<String, Duration> UNIT_LENGTHS = Map.of(
            "ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1), "h", Duration.ofHours(1));
    /** Other spellings of the units, lower case, and the unit they mean. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("msec", "ms"), Map.entry("msecs", "ms"), Map.entry("millis", "ms"), Map.entry("millisecond", "ms"),
            Map.entry("milliseconds", "ms"), Map.entry("sec", "s"), Map.entry("secs", "s"), Map.entry("second", "s"),
            Map.entry("seconds", "s"), Map.entry("min", "m"), Map.entry("mins", "m"), Map.entry("minute", "m"),
            Map.entry("minutes", "m"), Map.entry("hr", "h"), Map.entry("hrs", "h"), Map.entry("hour", "h"), Map.entry("hours", "h"),
            Map.entry("d", "d"), Map.entry("day", "d"), Map.entry("days", "d"));

    private DurationText() {
    }

    /**
     * What a text means.
     *
     * @param duration the duration, when the text is valid; may be out of any range
     * @param fix how to fix the text, when it is not
     */
    record Parsed(Optional<Duration> duration, Optional<String> fix) {

        static Parsed valid(Duration duration) {
            return new Parsed(Optional.of(duration), Optional.empty());
        }

        static Parsed invalid(String fix) {
            return new Parsed(Optional.empty(), Optional.of(fix));
        }
    }

    static Parsed parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return Parsed.invalid("write a duration, e.g. 30s");
        }
        if (trimmed.startsWith("-")) {
            return Parsed.invalid("write a duration greater than 0, e.g. 30s");
        }
        Matcher whole = WHOLE.matcher(trimmed);
        if (whole.matches()) {
            return whole(whole.group(1), whole.group(2));
        }
        Matcher decimal = DECIMAL.matcher(trimmed);
        if (decimal.matches()) {
            return decimal(decimal.group(1).replace(',', '.'), decimal.group(2));
        }
        return Parsed.invalid(generalFix());
    }

    /** The duration as the file would write it: in the largest unit that divides it, e.g. {@code 90s}, {@code 2m}. */
    static String format(Duration duration) {
        for (String unit : new String[] {"h", "m", "s"}) {
            long unitMillis = UNIT_LENGTHS.get(unit).toMillis();
            if (duration.toMillis() % unitMillis == 0 && duration.toNanos() % 1_000_000 == 0) {
                return duration.toMillis() / unitMillis + unit;
            }
        }
        return duration.toMillis() + "ms";
    }

    private static Parsed whole(String digits, String unit) {
        if (unit.isEmpty()) {
            return Parsed.invalid("add a unit, e.g. " + digits + "s for seconds (" + UNITS + ")");
        }
        Duration length = UNIT_LENGTHS.get(unit);
        if (length != null) {
            return Parsed.valid(times(digits, length));
        }
        String meant = ALIASES.get(unit.toLowerCase(Locale.ROOT));
        if (meant == null && UNIT_LENGTHS.containsKey(unit.toLowerCase(Locale.ROOT))) {
            meant = unit.toLowerCase(Locale.ROOT);
        }
        if (meant == null) {
            return Parsed.invalid(generalFix());
        }
        Duration value = meant.equals("d") ? times(digits, Duration.ofDays(1)) : times(digits, UNIT_LENGTHS.get(meant));
        return Parsed.invalid("write " + format(value) + " (the units are " + UNITS + ")");
    }

    private static Parsed decimal(String number, String unit) {
        String meant = UNIT_LENGTHS.containsKey(unit.toLowerCase(Locale.ROOT)) ? unit.toLowerCase(Locale.ROOT) : ALIASES.get(unit.toLowerCase(Locale.ROOT));
        if (meant == null) {
            return Parsed.invalid(generalFix());
        }
        long unitMillis = meant.equals("d") ? Duration.ofDays(1).toMillis() : UNIT_LENGTHS.get(meant).toMillis();
        BigDecimal millis = new BigDecimal(number).multiply(BigDecimal.valueOf(unitMillis));
        try {
            long exact = millis.longValueExact();
            return Parsed.invalid("write a whole number of a smaller unit: " + format(Duration.ofMillis(exact)));
        } catch (ArithmeticException notWhole) {
            return Parsed.invalid("write a whole number of a smaller unit, e.g. 90s for 1.5m");
        }
    }

    /** {@code digits} times {@code unit}; a number too large for a duration is as long as a duration gets, which every range refuses. */
    private static Duration times(String digits, Duration unit) {
        try {
            return unit.multipliedBy(Long.parseLong(digits));
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
    }

    private static String generalFix() {
        return "write a whole number followed by " + UNITS + ", e.g. 30s, 2m or 500ms";
    }
}
