package dev.orderly.adapter.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces environment and file references in a string value, in one left-to-right pass:
 * <ul>
 *   <li>{@code ${NAME}} becomes the variable's value;</li>
 *   <li>{@code ${NAME:-default}} becomes {@code default} when the variable is unset or empty;</li>
 *   <li>{@code ${file:PATH}} becomes the content of the file (UTF-8), without its trailing line
 *       breaks; a relative path is resolved against the working directory;</li>
 *   <li>{@code $${} is a literal {@code ${}.</li>
 * </ul>
 * Substituted text is not scanned again, and a default cannot contain {@code }}.
 *
 * <p>Remembers the files it read, so that the loader can check who else may read them. Not
 * thread-safe: one instance per load.
 */
final class EnvironmentSubstitution {

    /** How a reference to a file's content starts, inside {@code ${...}}. */
    private static final String FILE_PREFIX = "file:";
    private static final String REFERENCE_START = "${";
    private static final String ESCAPED_START = "$${";
    private static final String DEFAULT_SEPARATOR = ":-";

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Set<Path> filesRead = new LinkedHashSet<>();

    /** Resolves relative file references against the process's current directory. */
    EnvironmentSubstitution(Map<String, String> environment) {
        this(environment, Path.of(""));
    }

    EnvironmentSubstitution(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null").toAbsolutePath();
    }

    /** Where relative file references are resolved, absolute. */
    Path workingDirectory() {
        return workingDirectory;
    }

    /** The files whose content a reference took, in the order first read. */
    List<Path> filesRead() {
        return List.copyOf(filesRead);
    }

    /** Whether {@code written} is exactly one reference, {@code ${NAME}} or {@code ${file:PATH}}, with no default and no text around it. */
    static boolean isSingleReference(String written) {
        if (!written.startsWith(REFERENCE_START) || !written.endsWith("}") || written.indexOf('}') != written.length() - 1) {
            return false;
        }
        String reference = written.substring(REFERENCE_START.length(), written.length() - 1);
        return !reference.isEmpty() && (reference.startsWith(FILE_PREFIX) || !reference.contains(DEFAULT_SEPARATOR));
    }

    Substitution apply(String written) {
        StringBuilder text = new StringBuilder(written.length());
        List<String> unset = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int index = 0;
        while (index < written.length()) {
            if (written.startsWith(ESCAPED_START, index)) {
                text.append(REFERENCE_START);
                index += ESCAPED_START.length();
            } else if (written.startsWith(REFERENCE_START, index)) {
                int end = written.indexOf('}', index);
                if (end < 0) {
                    text.append(written, index, written.length());
                    return new Substitution(text.toString(), unset, true, unreadable);
                }
                String reference = written.substring(index + REFERENCE_START.length(), end);
                if (reference.startsWith(FILE_PREFIX)) {
                    FileContent content = readFile(reference.substring(FILE_PREFIX.length()));
                    if (content.problem() != null) {
                        unreadable.add(content.problem());
                        text.append(written, index, end + 1);
                    } else {
                        text.append(content.text());
                    }
                    index = end + 1;
                    continue;
                }
                String value = resolve(reference);
                if (value == null) {
                    unset.add(variableName(reference));
                    text.append(written, index, end + 1);
                } else {
                    text.append(value);
                }
                index = end + 1;
            } else {
                text.append(written.charAt(index));
                index++;
            }
        }
        return new Substitution(text.toString(), unset, false, unreadable);
    }

    /** The content of one referenced file, or why it cannot be read (naming the file, never its content). */
    private record FileContent(String text, String problem) {
    }

    private FileContent readFile(String written) {
        if (written.isBlank()) {
            return new FileContent(null, "${file:} names no file");
        }
        Path file;
        try {
            file = workingDirectory.resolve(written).normalize();
        } catch (InvalidPathException invalid) {
            return new FileContent(null, "'" + written + "' is not a path this system accepts: " + invalid.getReason());
        }
        try {
            String content = Files.readString(file);
            filesRead.add(file);
            int end = content.length();
            while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
                end--;
            }
            return new FileContent(content.substring(0, end), null);
        } catch (NoSuchFileException missing) {
            return new FileContent(null, file + " does not exist");
        } catch (AccessDeniedException denied) {
            return new FileContent(null, file + " cannot be read by this user (permission denied)");
        } catch (MalformedInputException notUtf8) {
            return new FileContent(null, file + " is not UTF-8 text");
        } catch (IOException failure) {
            return new FileContent(null, file + " cannot be read: " + (Files.isDirectory(file) ? "it is a directory" : failure.toString()));
        }
    }

    /** The reference's value, or null when its variable is unset and it has no default. */
    private String resolve(String reference) {
        int separator = reference.indexOf(DEFAULT_SEPARATOR);
        if (separator < 0) {
            return environment.get(reference);
        }
        String value = environment.get(reference.substring(0, separator));
        return value == null || value.isEmpty() ? reference.substring(separator + DEFAULT_SEPARATOR.length()) : value;
    }

    private static String variableName(String reference) {
        int separator = reference.indexOf(DEFAULT_SEPARATOR);
        return separator < 0 ? reference : reference.substring(0, separator);
    }
}
