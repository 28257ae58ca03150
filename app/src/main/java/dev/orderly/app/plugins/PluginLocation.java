package dev.orderly.app.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * One plugin in the plugin directory and the JARs that make up its class path: a {@code *.jar}
 * directly in the directory is a plugin of its own; a subdirectory is one plugin made of every
 * {@code *.jar} directly inside it. Other files and names starting with a dot are ignored.
 *
 * @param path the JAR or the subdirectory
 * @param jars its JARs, sorted by file name; at least one
 */
record PluginLocation(Path path, List<Path> jars) {

    private static final String JAR_SUFFIX = ".jar";
    private static final String SERVICES = "META-INF/services/";

    PluginLocation {
        requireNonNull(path, "path is null");
        jars = List.copyOf(jars);
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("plugin " + path + " must have at least one JAR but has none");
        }
    }

    /**
     * The plugins of a plugin directory, sorted by file name so that loading, and therefore which of
     * two clashing rules is named first, does not depend on the file system's listing order.
     *
     * @param problems receives a sentence for each subdirectory without JARs
     * @throws PluginLoadingException when the directory does not exist, is not a directory or cannot be listed
     */
    static List<PluginLocation> scan(Path directory, List<String> problems) {
        if (!Files.exists(directory)) {
            throw new PluginLoadingException(List.of("plugin directory " + directory + " does not exist; create it and put plugin JARs in it,"
                    + " or remove plugin-directory from the configuration"));
        }
        if (!Files.isDirectory(directory)) {
            throw new PluginLoadingException(List.of("plugin directory " + directory + " is a file, not a directory; set plugin-directory to the"
                    + " directory that holds the plugin JARs"));
        }
        List<PluginLocation> plugins = new ArrayList<>();
        for (Path entry : sortedEntries(directory)) {
            if (Files.isDirectory(entry)) {
                List<Path> jars = sortedEntries(entry).stream().filter(PluginLocation::isJar).toList();
                if (jars.isEmpty()) {
                    problems.add("plugin directory " + entry + " has no JAR files; it contains: " + names(sortedEntries(entry))
                            + ". Put the plugin's JAR and the JARs it needs directly in it, or remove the directory");
                } else {
                    plugins.add(new PluginLocation(entry, jars));
                }
            } else if (isJar(entry)) {
                plugins.add(new PluginLocation(entry, List.of(entry)));
            }
        }
        return plugins;
    }

    /** A class loader over this plugin's JARs alone, whose parent decides what it shares with orderly. */
    URLClassLoader classLoader(ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("cannot turn plugin JAR " + jar + " into a URL", e);
            }
        }
        return new URLClassLoader("orderly-plugin-" + path.getFileName(), urls.toArray(URL[]::new), parent);
    }

    /**
     * The {@code META-INF/services} files of this plugin's JARs, for an error that says what a plugin
     * without rules does provide; a directory plugin names the JAR of each.
     */
    List<String> serviceEntries() {
        List<String> entries = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> all = file.entries();
                while (all.hasMoreElements()) {
                    JarEntry entry = all.nextElement();
                    if (entry.getName().startsWith(SERVICES) && !entry.isDirectory() && entry.getName().length() > SERVICES.length()) {
                        entries.add(entry.getName() + (jars.size() > 1 ? " (in " + jar.getFileName() + ")" : ""));
                    }
                }
            } catch (IOException e) {
                entries.add("unreadable " + jar.getFileName() + " (" + e.getMessage() + ")");
            }
        }
        return entries.stream().sorted().toList();
    }

    private static boolean isJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(JAR_SUFFIX);
    }

    private static List<Path> sortedEntries(Path directory) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                if (!entry.getFileName().toString().startsWith(".")) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new PluginLoadingException(List.of("cannot list plugin directory " + directory + ": " + e));
        }
        entries.sort(Comparator.comparing(entry -> entry.getFileName().toString()));
        return entries;
    }

    private static String names(List<Path> entries) {
        return entries.isEmpty() ? "nothing" : String.join(", ", entries.stream().map(entry -> entry.getFileName().toString()).toList());
    }
}
