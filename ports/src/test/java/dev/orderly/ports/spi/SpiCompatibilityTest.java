package dev.orderly.ports.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.domain.change.ChangeEvent;
import dev.orderly.domain.change.Operation;
import dev.orderly.domain.change.Row;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.ShardingColumns;
import dev.orderly.domain.ordering.ShardingKey;
import dev.orderly.domain.ordering.TableKeys;
import dev.orderly.domain.ordering.UniqueKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the SPI a plugin compiles against with the last release, so that no change to it goes
 * unnoticed: every line of the listing ({@link SpiListing}) added or removed since the baseline must
 * be explained under {@code ## Unreleased} in docs/SPI-CHANGES.md. The current listing is written
 * to {@value #CURRENT} on every run; at a release it becomes the new baseline (docs/SPI-CHANGES.md,
 * "Releasing").
 */
class SpiCompatibilityTest {

    static final String RELEASE = "0.1";
    static final String BASELINE = "spi/baseline-" + RELEASE + ".txt";
    static final String CURRENT = "target/spi/current.txt";
    static final String CHANGE_LOG = "docs/SPI-CHANGES.md";

    private static List<String> current;
    private static SpiListing listing;

    @BeforeAll
    static void listTheSpi() throws IOException {
        listing = SpiListing.of(SpiPackage.publicTypes(PartitionRulePort.class), "dev.orderly.domain.");
        current = listing.lines();
        Path written = Path.of(CURRENT);
        Files.createDirectories(written.getParent());
        Files.write(written, current);
    }

    @Test
    void everySpiChangeSinceTheLastReleaseIsListedInSpiChanges() {
        Set<String> baseline = new TreeSet<>(baseline());
        Set<String> now = new TreeSet<>(current);
        SpiChangeLog log = SpiChangeLog.read(changeLog());

        List<String> unexplained = new ArrayList<>();
        now.stream().filter(line -> !baseline.contains(line) && !log.added().contains(line)).forEach(line -> unexplained.add("+ " + line));
        baseline.stream().filter(line -> !now.contains(line) && !log.removed().contains(line)).forEach(line -> unexplained.add("- " + line));

        assertThat(unexplained)
                .withFailMessage(() -> "The SPI differs from release " + RELEASE + " (ports/src/test/resources/" + BASELINE + ") in "
                        + unexplained.size() + " line(s) that " + CHANGE_LOG + " does not list:\n  " + String.join("\n  ", unexplained)
                        + "\nIf the change is intended, add each line as a list item under '" + SpiChangeLog.UNRELEASED + "' in " + CHANGE_LOG
                        + ", in backticks, followed by why it changed and what plugin authors must do, e.g.\n  - `" + unexplained.get(0)
                        + "`: <why>\nAdditions that keep compiled plugins working (a new default method, a new type) may go into a minor"
                        + " release; removing or changing a member of a @Stable type waits for a major release (policy in " + CHANGE_LOG
                        + "). If the change is not intended, undo it. At a release, the baseline is regenerated instead (see 'Releasing' there).")
                .isEmpty();
    }

    @Test
    void spiChangesListsOnlyChangesThatHappened() {
        Set<String> baseline = new TreeSet<>(baseline());
        Set<String> now = new TreeSet<>(current);
        SpiChangeLog log = SpiChangeLog.read(changeLog());

        List<String> stale = new ArrayList<>();
        log.added().stream().filter(line -> baseline.contains(line) || !now.contains(line)).forEach(line -> stale.add("+ " + line));
        log.removed().stream().filter(line -> !baseline.contains(line) || now.contains(line)).forEach(line -> stale.add("- " + line));

        assertThat(stale)
                .withFailMessage(() -> CHANGE_LOG + " lists under '" + SpiChangeLog.UNRELEASED + "' changes that did not happen since release "
                        + RELEASE + ":\n  " + String.join("\n  ", stale) + "\nCorrect the entry to the line as it appears in " + CURRENT
                        + " (run this test to write it), or remove it if the change was undone.")
                .isEmpty();
    }

    @Test
    void everyPublicSpiTypeDeclaresItsStability() {
        List<String> unmarked = SpiPackage.publicTypes(PartitionRulePort.class).stream()
                // The two markers themselves are the vocabulary, not SPI types a plugin implements or calls.
                .filter(type -> type != Stable.class && type != Evolving.class)
                .filter(type -> !type.isAnnotationPresent(Stable.class) && !type.isAnnotationPresent(Evolving.class))
                .map(Class::getName)
                .toList();

        assertThat(unmarked)
                .withFailMessage(() -> "Every public type of dev.orderly.ports.spi must say how stable it is, but these carry neither @Stable nor"
                        + " @Evolving: " + unmarked + ". Add @Evolving to a new type; promote it to @Stable once it has been released unchanged.")
                .isEmpty();
    }

    @Test
    void theListingCoversTheDomainTypesTheSpiMentions() {
        assertThat(listing.types()).contains(ChangeEvent.class, Row.class, TableId.class, Operation.class, ShardingKey.class,
                ShardingColumns.class, ShardingColumns.Origin.class, TableKeys.class, UniqueKey.class, OrderingGuarantee.class);
        assertThat(current).contains(
                "dev.orderly.ports.spi.PartitionRulePort method default java.lang.String description()",
                "dev.orderly.ports.spi.PartitionRulePort method abstract dev.orderly.ports.spi.PartitionRule create(dev.orderly.ports.spi.RuleOptions)",
                "dev.orderly.ports.spi.RuleOption method static <T> dev.orderly.ports.spi.RuleOption<T> required(java.lang.String,"
                        + " dev.orderly.ports.spi.OptionType<T>, java.lang.String)",
                "dev.orderly.domain.ordering.OrderingGuarantee constant PER_KEY");
    }

    private static List<String> baseline() {
        try (InputStream stream = SpiCompatibilityTest.class.getClassLoader().getResourceAsStream(BASELINE)) {
            if (stream == null) {
                throw new IllegalStateException("the baseline " + BASELINE + " is missing from ports/src/test/resources; restore it from git");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docs/SPI-CHANGES.md, found from the module directory Maven runs the test in. */
    private static Path changeLog() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(CHANGE_LOG);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(CHANGE_LOG + " not found in " + Path.of("").toAbsolutePath() + " or its parents");
    }
}
