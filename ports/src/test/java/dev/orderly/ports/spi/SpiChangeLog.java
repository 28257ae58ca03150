package dev.orderly.ports.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The intended SPI changes listed under {@code ## Unreleased} in docs/SPI-CHANGES.md. Each list item
 * names the listing lines it explains in code spans: {@code `+ <line>`} for an added line,
 * {@code `- <line>`} for a removed one; the rest of the item says why.
 */
final class SpiChangeLog {

    static final String UNRELEASED = "## Unreleased";

    private static final Pattern CODE_SPAN = Pattern.compile("`([+-]) ([^`]+)`");

    private final Set<String> added;
    private final Set<String> removed;

    private SpiChangeLog(Set<String> added, Set<String> removed) {
        this.added = added;
        this.removed = removed;
    }

    static SpiChangeLog read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int start = lines.indexOf(UNRELEASED);
        if (start < 0) {
            throw new IllegalStateException(file + " has no line '" + UNRELEASED + "'; keep that heading, with an empty list after a release");
        }
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            String item = line.strip();
            if (!item.startsWith("- ") && !item.startsWith("* ")) {
                continue;
            }
            Matcher span = CODE_SPAN.matcher(item);
            while (span.find()) {
                (span.group(1).equals("+") ? added : removed).add(span.group(2).strip());
            }
        }
        return new SpiChangeLog(added, removed);
    }

    /** The listing lines the log says were added since the last release. */
    Set<String> added() {
        return added;
    }

    /** The listing lines the log says were removed since the last release. */
    Set<String> removed() {
        return removed;
    }
}
