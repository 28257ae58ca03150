package dev.orderly.adapter.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the file into a Jackson tree. A file that is not valid YAML, is empty, or whose top level is
 * not a map gives one problem at the path {@value #FILE}; nothing else can be checked then.
 */
final class YamlFileReader {

    /** The path of problems about the file as a whole. */
    static final String FILE = "(file)";

    // A repeated key would silently replace the first one; refuse it instead.
    private static final YAMLMapper MAPPER = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private YamlFileReader() {
    }

    /**
     * @param topLevelAllowed what the top level must be, for the problems of an empty or non-map file
     * @throws UncheckedIOException when the file does not exist or cannot be read
     */
    static Optional<ObjectNode> read(Path file, ProblemCollector problems, String topLevelAllowed) {
        String text;
        try {
            text = Files.readString(file);
        } catch (MalformedInputException notUtf8) {
            problems.add(FILE, "bytes that are not UTF-8 text", "a UTF-8 text file", "save the file with UTF-8 encoding");
            return Optional.empty();
        } catch (NoSuchFileException missing) {
            throw new UncheckedIOException("Configuration file " + file + " does not exist", missing);
        } catch (AccessDeniedException denied) {
            throw new UncheckedIOException("Configuration file " + file + " cannot be read: permission denied", denied);
        } catch (IOException failure) {
            throw new UncheckedIOException("Configuration file " + file + " cannot be read: " + failure, failure);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException invalid) {
            problems.add(FILE, syntaxProblem(invalid), "valid YAML", syntaxFix(invalid));
            return Optional.empty();
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            problems.add(FILE, "an empty file", topLevelAllowed, "write the configuration; config/example.yaml shows every key");
            return Optional.empty();
        }
        if (!tree.isObject()) {
            problems.add(FILE, "a top level that is " + Found.of(tree), topLevelAllowed,
                    "write key: value lines at the top level, starting with source:, sink: and partition:");
            return Optional.empty();
        }
        return Optional.of((ObjectNode) tree);
    }

    /**
     * Where and what the syntax error is. Only the parser's short description is kept: its full
     * message quotes the offending line, which may hold the password.
     */
    @SuppressWarnings("deprecation") // Jackson's wrapper of SnakeYAML's exception is the only way to its problem text and mark.
    private static String syntaxProblem(JsonProcessingException invalid) {
        if (invalid instanceof com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
            // SnakeYAML counts lines and columns from 0.
            return "invalid YAML at line " + (marked.getProblemMark().getLine() + 1) + ", column " + (marked.getProblemMark().getColumn() + 1)
                    + ": " + marked.getProblem();
        }
        JsonLocation location = invalid.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "invalid YAML" + where + ": " + invalid.getOriginalMessage();
    }

    private static String syntaxFix(JsonProcessingException invalid) {
        String message = String.valueOf(invalid.getOriginalMessage());
        return message.startsWith("Duplicate field")
                ? "keep only one of the entries with that key"
                : "correct the YAML there: indent with spaces, not tabs, and put values containing ': ' or ' #' in quotes";
    }
}
