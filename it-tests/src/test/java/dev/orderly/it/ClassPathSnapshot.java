package dev.orderly.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path for orderly processes that tests start: this JVM's ({@code java.class.path}, with a
 * manifest-only JAR such as failsafe's expanded to the entries it names), but with orderly's own
 * JARs ({@code orderly-*.jar}) copied once per test run. A JVM loads classes lazily, and these JARs
 * are the ones a {@code mvn install} of a module replaces while tests run; a process started from
 * the copies never sees half of one build and half of another. Written to a java launcher argument
 * file, since it is longer than one command-line argument may be.
 */
final class ClassPathSnapshot {

    private static Path argumentFile;

    private ClassPathSnapshot() {
    }

    /** The argument file ({@code -cp} and the class path), written on first use. */
    static synchronized Path argumentFile() {
        if (argumentFile == null) {
            argumentFile = write(RealServers.workDirectory("classpath"));
        }
        return argumentFile;
    }

    private static Path write(Path directory) {
        try {
            List<String> entries = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                for (Path path : expanded(Path.of(entry))) {
                    String name = path.getFileName().toString();
                    if (Files.isRegularFile(path) && name.startsWith("orderly-") && name.endsWith(".jar")) {
                        Path copy = directory.resolve(name);
                        Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                        entries.add(copy.toString());
                    } else {
                        entries.add(path.toString());
                    }
                }
            }
            Path file = directory.resolve("orderly.args");
            Files.writeString(file, "-cp\n" + quoted(String.join(java.io.File.pathSeparator, entries)) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot the class path into " + directory, e);
        }
    }

    /** A JAR whose manifest names a Class-Path and that holds no classes is replaced by the entries it names. */
    private static List<Path> expanded(Path entry) throws IOException {
        if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return List.of(entry);
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            boolean manifestOnly = jar.stream().noneMatch(jarEntry -> jarEntry.getName().endsWith(".class"));
            if (classPath == null || !manifestOnly) {
                return List.of(entry);
            }
            List<Path> named = new ArrayList<>();
            URI base = entry.toUri();
            for (String reference : classPath.trim().split("\\s+")) {
                named.add(Path.of(base.resolve(reference)));
            }
            return named;
        }
    }

    /** The java launcher's argument file syntax: quoted, backslash escapes. */
    private static String quoted(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
