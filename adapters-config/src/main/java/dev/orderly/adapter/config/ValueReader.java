package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Typed reads of single YAML values at a known key path.
 *
 * <p>Every read either returns a value or records exactly one problem at that path and returns
 * empty; callers never need to report a failed read themselves. String values have their
 * environment references substituted first.
 */
final class ValueReader {

    private static final String SET_VARIABLE = "a set environment variable";
    private static final String SINGLE_VALUE = "a string, number or boolean";
    /** What a secret may be written as: a reference, so that the secret itself is never in the file. */
    static final String SECRET_ALLOWED = "${NAME} (an environment variable) or ${file:/path} (the content of a file), or \"\" for none;"
            + " never the secret itself";

    private final ProblemCollector problems;
    private final EnvironmentSubstitution substitution;

    ValueReader(ProblemCollector problems, EnvironmentSubstitution substitution) {
        this.problems = requireNonNull(problems, "problems is null");
        this.substitution = requireNonNull(substitution, "substitution is null");
    }

    ProblemCollector problems() {
        return problems;
    }

    EnvironmentSubstitution substitution() {
        return substitution;
    }

    /** The choices of an enum keyed by how the file spells them, sorted so messages list them in order. */
    static <T> SortedMap<String, T> choices(T[] values, Function<T, String> configValue) {
        return Arrays.stream(values).collect(Collectors.toMap(configValue, Function.identity(), (first, second) -> first, TreeMap::new));
    }

    /** A YAML string, as written (no substitution). */
    Optional<String> writtenString(String path, JsonNode node, String allowed) {
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        String fix = node.isContainerNode()
                ? "write a single value, not a " + (node.isArray() ? "list" : "map")
                : "put the value in quotes: YAML reads some unquoted values as numbers or booleans (0123 as 83, yes as true)";
        problems.add(path, Found.of(node), allowed, fix);
        return Optional.empty();
    }

    /** A YAML string with its environment references substituted; an unset variable is a problem. */
    Optional<ScalarText> text(String path, JsonNode node, String allowed) {
        return writtenString(path, node, allowed).flatMap(written -> substituted(path, written));
    }

    /**
     * A secret (a password): a YAML string that is exactly one reference, {@code ${NAME}} or
     * {@code ${file:PATH}}, or the empty string; substituted like any text. A secret written into
     * the file itself is a problem whose {@code found} is {@link Found#LITERAL}, never the value.
     */
    Optional<ScalarText> secret(String path, JsonNode node, String allowed) {
        if (node.isNumber() || node.isBoolean()) {
            problems.add(path, Found.LITERAL, allowed, secretFix(path));
            return Optional.empty();
        }
        Optional<String> written = writtenString(path, node, allowed);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        if (!written.get().isEmpty() && !EnvironmentSubstitution.isSingleReference(written.get())) {
            problems.add(path, Found.LITERAL, allowed, secretFix(path));
            return Optional.empty();
        }
        return substituted(path, written.get());
    }

    /** How to move the secret at {@code path} out of the file, with a variable name made from the path. */
    static String secretFix(String path) {
        String variable = "ORDERLY_" + path.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return "keep the secret out of the configuration file: export " + variable + "=... and write ${" + variable + "}, or put it in a"
                + " file only orderly's user can read (chmod 600) and write ${file:/path/to/that/file}";
    }

    /**
     * A path to an existing, readable file, resolved against the working directory; the text was read
     * with {@link #nonBlankText}.
     */
    Optional<Path> existingFile(String path, ScalarText text, String allowed) {
        Path file;
        try {
            file = substitution.workingDirectory().resolve(text.value()).normalize();
        } catch (InvalidPathException invalid) {
            problems.add(path, text.found(), allowed, "write a path this system accepts: " + invalid.getReason());
            return Optional.empty();
        }
        if (Files.isRegularFile(file) && Files.isReadable(file)) {
            return Optional.of(file);
        }
        String fix = !Files.exists(file)
                ? file + " does not exist: correct the path (a relative path is resolved against " + substitution.workingDirectory() + ")"
                : Files.isDirectory(file) ? file + " is a directory: name the file inside it" : file + " cannot be read by this user: let it read the file";
        problems.add(path, text.found(), allowed, fix);
        return Optional.empty();
    }

    /** Like {@link #text} but also refuses an empty or blank value. */
    Optional<ScalarText> nonBlankText(String path, JsonNode node, String allowed) {
        Optional<ScalarText> text = text(path, node, allowed);
        if (text.isPresent() && text.get().value().isBlank()) {
            problems.add(path, text.get().found(), allowed, "write a value; it must not be empty");
            return Optional.empty();
        }
        return text;
    }

    /** A boolean, written {@code true} or {@code false} (also as a string such as {@code ${ORDERLY_JMX}}). */
    Optional<Boolean> bool(String path, JsonNode node, String allowed) {
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        Optional<ScalarText> text = node.isTextual() ? text(path, node, allowed) : Optional.empty();
        if (text.isPresent() && (text.get().value().equals("true") || text.get().value().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(text.get().value()));
        }
        if (!node.isTextual() || text.isPresent()) {
            problems.add(path, text.map(ScalarText::found).orElse(Found.of(node)), allowed, "write true or false");
        }
        return Optional.empty();
    }

    /** An integer in {@code [min, max]}, written as a number or as a string such as {@code ${ORDERLY_PORT}}. */
    Optional<Long> integer(String path, JsonNode node, long min, long max, String allowed) {
        String fix = max == Integer.MAX_VALUE
                ? "write a whole number of at least " + min
                : "write a whole number from " + min + " to " + max;
        BigInteger value;
        String found;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
            found = node.asText();
        } else if (node.isTextual()) {
            Optional<ScalarText> text = text(path, node, allowed);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            found = text.get().found();
            try {
                value = new BigInteger(text.get().value().trim());
            } catch (NumberFormatException notANumber) {
                problems.add(path, found, allowed, fix);
                return Optional.empty();
            }
        } else {
            problems.add(path, Found.of(node), allowed, fix);
            return Optional.empty();
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(path, found, allowed, fix);
            return Optional.empty();
        }
        return Optional.of(value.longValueExact());
    }

    /**
     * A duration written as a whole number and a unit ({@code 500ms}, {@code 30s}, {@code 2m},
     * {@code 1h}) in {@code [min, max]}. A number without a unit is refused rather than guessed: YAML
     * gives no hint whether 30 meant seconds or milliseconds.
     */
    Optional<Duration> duration(String path, JsonNode node, Duration min, Duration max, String allowed) {
        String found;
        String written;
        if (node.isNumber()) {
            found = node.asText();
            written = node.asText();
        } else {
            Optional<ScalarText> text = text(path, node, allowed);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            found = text.get().found();
            written = text.get().value().trim();
        }
        DurationText.Parsed parsed = DurationText.parse(written);
        if (parsed.fix().isPresent()) {
            problems.add(path, found, allowed, parsed.fix().get());
            return Optional.empty();
        }
        Duration value = parsed.duration().orElseThrow();
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            String fix = value.isZero()
                    ? "write a duration greater than 0, e.g. 30s"
                    : "write a duration from " + DurationText.format(min) + " to " + DurationText.format(max);
            problems.add(path, found, allowed, fix);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** One of {@code choices}, matched exactly; the fix suggests a near miss, else says {@code otherwise}. */
    <T> Optional<T> choice(String path, JsonNode node, Map<String, T> choices, String allowed, String otherwise) {
        Optional<ScalarText> text = text(path, node, allowed);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        T choice = choices.get(text.get().value());
        if (choice == null) {
            problems.add(path, text.get().found(), allowed,
                    ClosestMatch.suggestion(text.get().value(), choices.keySet(), otherwise));
            return Optional.empty();
        }
        return Optional.of(choice);
    }

    /**
     * A string, number or boolean as a string ({@code true} as "true", {@code 5} as "5"), for
     * pass-through settings. Numbers and booleans are given as YAML read them (unquoted {@code 0123}
     * is "83"); a value that must stay as written has to be quoted.
     */
    Optional<String> singleValueAsText(String path, JsonNode node) {
        if (node.isTextual()) {
            return text(path, node, SINGLE_VALUE).map(ScalarText::value);
        }
        if (node.isNumber() || node.isBoolean()) {
            return Optional.of(node.asText());
        }
        String fix = node.isNull()
                ? "write a value, or remove the key"
                : "write one value; nested maps and lists are not passed on, so write the full key instead, e.g. a.b: 1";
        problems.add(path, Found.of(node), SINGLE_VALUE, fix);
        return Optional.empty();
    }

    /** A list, possibly empty. */
    Optional<List<JsonNode>> list(String path, JsonNode node, String allowed, String example) {
        if (!node.isArray()) {
            problems.add(path, Found.of(node), allowed, "write a list, e.g. " + example);
            return Optional.empty();
        }
        return Optional.of(elementsOf(node));
    }

    /** A list with at least one element. */
    Optional<List<JsonNode>> nonEmptyList(String path, JsonNode node, String allowed, String example) {
        if (node.isArray() && node.isEmpty()) {
            problems.add(path, "[]", allowed, "name at least one, e.g. " + example);
            return Optional.empty();
        }
        return list(path, node, allowed, example);
    }

    /** A map, in the order of the file. */
    Optional<Map<String, JsonNode>> map(String path, JsonNode node, String allowed, String example) {
        if (!node.isObject()) {
            problems.add(path, Found.of(node), allowed, "write a map of key: value lines indented below the key, or inline like " + example);
            return Optional.empty();
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        node.properties().forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
        return Optional.of(entries);
    }

    private Optional<ScalarText> substituted(String path, String written) {
        Substitution result = substitution.apply(written);
        if (!result.unsetVariables().isEmpty()) {
            String exports = result.unsetVariables().stream().distinct().map(name -> "export " + name + "=...").collect(Collectors.joining(" and "));
            problems.add(path, Found.quote(written), SET_VARIABLE, exports + " or write the value");
            return Optional.empty();
        }
        if (result.unclosed()) {
            problems.add(path, Found.quote(written), "${NAME} or ${NAME:-default}, closed with }", "close the reference with }, or write $${ for a literal ${");
            return Optional.empty();
        }
        if (!result.unreadableFiles().isEmpty()) {
            problems.add(path, Found.quote(written), "${file:PATH} naming a readable file",
                    String.join("; ", result.unreadableFiles()) + ": create the file or correct the path (a relative path is resolved against"
                            + " the directory orderly is started in)");
            return Optional.empty();
        }
        return Optional.of(new ScalarText(written, result.text()));
    }

    private static List<JsonNode> elementsOf(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>(array.size());
        array.elements().forEachRemaining(elements::add);
        return List.copyOf(elements);
    }
}
