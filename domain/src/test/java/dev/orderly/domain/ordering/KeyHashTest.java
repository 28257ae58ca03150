package dev.orderly.domain.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The test vectors of docs/HASH.md, read from the document itself so the two cannot drift apart. */
class KeyHashTest {

    private static final Path SPEC = Path.of("..", "docs", "HASH.md");
    private static final String BEGIN = "<!-- test-vectors:begin -->";
    private static final String END = "<!-- test-vectors:end -->";

    /** One row of the table: the key values in the notation of HASH.md §5 and what they must give. */
    record Vector(String values, String encoded, int bytes, int murmur2, int partitionOf8, int partitionOf12) {

        @Override
        public String toString() {
            return values;
        }
    }

    static List<Vector> vectors() throws IOException {
        List<String> lines = Files.readAllLines(SPEC, StandardCharsets.UTF_8);
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        assertThat(begin).as("%s marks its test vectors with %s", SPEC, BEGIN).isNotNegative();
        assertThat(end).as("%s ends its test vectors with %s", SPEC, END).isGreaterThan(begin);
        // The first two lines are the header and the separator.
        return lines.subList(begin + 3, end).stream().map(KeyHashTest::vector).collect(Collectors.toList());
    }

    private static Vector vector(String row) {
        List<String> cells = cells(row);
        assertThat(cells).as("cells of row %s", row).hasSize(6);
        return new Vector(code(cells.get(0)), code(cells.get(1)), Integer.parseInt(cells.get(2)), Integer.parseInt(cells.get(3)),
                Integer.parseInt(cells.get(4)), Integer.parseInt(cells.get(5)));
    }

    private static List<String> cells(String row) {
        assertThat(row).as("a table row").startsWith("|").endsWith("|");
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1, row.length() - 1).split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static String code(String cell) {
        assertThat(cell).as("a code cell").startsWith("`").endsWith("`").hasSizeGreaterThan(2);
        return cell.substring(1, cell.length() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesAndHashesAsPublished(Vector vector) {
        List<Object> values = KeyValueNotation.parse(vector.values());
        byte[] encoded = KeyEncoding.encode(values);

        assertThat(KeyEncoding.toJson(values)).isEqualTo(vector.encoded());
        assertThat(encoded).hasSize(vector.bytes()).isEqualTo(vector.encoded().getBytes(StandardCharsets.UTF_8));
        assertThat(KeyHash.murmur2(encoded)).isEqualTo(vector.murmur2());
        assertThat(KeyHash.partition(encoded, 8)).isEqualTo(vector.partitionOf8());
        assertThat(KeyHash.partition(encoded, 12)).isEqualTo(vector.partitionOf12());
        assertThat(KeyHash.partition(new ShardingKey(values), 12)).isEqualTo(vector.partitionOf12());
    }

    @Test
    void specPublishesEnoughVectorsToCoverEveryKind() throws IOException {
        List<Vector> vectors = vectors();
        String allValues = vectors.stream().map(Vector::values).collect(Collectors.joining(" "));

        assertThat(vectors).hasSizeGreaterThanOrEqualTo(12);
        assertThat(allValues).contains("null", "Long -", "BigDecimal", "Double NaN", "Boolean", "String \"\"", "\\\"", "\\\\", "\\u0001",
                "😀", "bytes 0x", ", ");
    }

    @Test
    void toPositiveClearsOnlyTheSignBit() {
        assertThat(KeyHash.toPositive(Integer.MIN_VALUE)).isZero();
        assertThat(KeyHash.toPositive(-1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(KeyHash.toPositive(42)).isEqualTo(42);
    }

    @Test
    void murmur2OfNoBytesIsTheMixedSeed() {
        assertThat(KeyHash.murmur2(new byte[0])).isEqualTo(275646681);
    }

    @Test
    void partitionRejectsACountBelowOne() {
        assertThatThrownBy(() -> KeyHash.partition(new byte[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partitionCount must be >= 1 but got 0");
    }

    @Test
    void onePartitionTakesEveryKey() {
        assertThat(KeyHash.partition("[42]".getBytes(StandardCharsets.UTF_8), 1)).isZero();
    }
}
