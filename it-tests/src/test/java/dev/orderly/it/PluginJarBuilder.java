package dev.orderly.it;

import dev.orderly.domain.change.TableId;
import dev.orderly.ports.spi.PartitionRulePort;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plugin JAR the way a plugin author outside this build would: javac with only the SPI
 * (ports and domain) on the classpath, a {@code META-INF/services} entry, a JAR.
 */
final class PluginJarBuilder {

    private PluginJarBuilder() {
    }

    /**
     * @param sourceRoot a directory to write sources and classes into
     * @param className the provider's fully qualified class name
     * @param source its Java source
     * @param jar where to write the JAR
     */
    static Path build(Path sourceRoot, String className, String source, Path jar) throws IOException {
        Path sources = sourceRoot.resolve("src");
        Path classes = sourceRoot.resolve("classes");
        Path file = sources.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.createDirectories(classes);
        Files.writeString(file, source);
        String classpath = location(PartitionRulePort.class) + java.io.File.pathSeparator + location(TableId.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-classpath", classpath, "-d", classes.toString(), file.toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed for " + className + " with status " + status);
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path compiled : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(compiled).toString().replace('\\', '/')));
                Files.copy(compiled, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + PartitionRulePort.class.getName()));
            out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** Where a class was loaded from: a JAR or a classes directory of this build. */
    static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> entries(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).sorted().toList();
        }
    }
}
