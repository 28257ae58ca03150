package dev.orderly.app.plugins;

import dev.orderly.domain.change.TableId;
import dev.orderly.ports.spi.PartitionRulePort;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a plugin JAR the way a plugin author would: Java sources compiled with only orderly's
 * ports and domain classes on the class path (plus any JARs given), packaged with a
 * {@code META-INF/services} file. Sources marked as "compile only" stand in for a library the
 * plugin was built against but does not bundle.
 */
public final class TestingPluginJar {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> compileOnly = new ArrayList<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();

    private TestingPluginJar() {
    }

    public static TestingPluginJar builder() {
        return new TestingPluginJar();
    }

    /** A class to compile and package. */
    public TestingPluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** A class to compile against but leave out of the JAR, like an unbundled library. */
    public TestingPluginJar compileOnly(String className, String code) {
        sources.put(className, code);
        compileOnly.add(className);
        return this;
    }

    /** Lists providers in {@code META-INF/services/dev.orderly.ports.spi.PartitionRulePort}. */
    public TestingPluginJar providers(String... classNames) {
        return resource("META-INF/services/" + PartitionRulePort.class.getName(), String.join("\n", classNames) + "\n");
    }

    public TestingPluginJar resource(String name, String content) {
        resources.put(name, content);
        return this;
    }

    /** Another JAR on the compile class path, e.g. a library the plugin bundles in its directory. */
    public TestingPluginJar classPath(Path jar) {
        classPath.add(jar);
        return this;
    }

    /** Compiles and packages; returns {@code jar}. */
    public Path writeTo(Path jar) {
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            Path classes = Files.createTempDirectory("orderly-test-plugin-classes");
            try {
                compile(classes);
                write(jar, classes);
            } finally {
                deleteRecursively(classes);
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void compile(Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
        }
        List<Path> path = new ArrayList<>(List.of(locationOf(PartitionRulePort.class), locationOf(TableId.class)));
        path.addAll(classPath);
        String joined = String.join(java.io.File.pathSeparator, path.stream().map(Path::toString).toList());
        List<JavaFileObject> units = sources.entrySet().stream().map(entry -> (JavaFileObject) new Source(entry.getKey(), entry.getValue())).toList();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("--release", "17", "-proc:none", "-classpath", joined, "-d", classes.toString()), null, units).call();
        if (!compiled) {
            throw new IllegalStateException("the test plugin does not compile:\n" + diagnostics);
        }
    }

    private void write(Path jar, Path classes) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path classFile : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(classFile).toString().replace(java.io.File.separatorChar, '/');
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                if (compileOnly.stream().anyMatch(excluded -> className.equals(excluded) || className.startsWith(excluded + "$"))) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /** Where a class was loaded from: orderly's module output directory or JAR. */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** A source file held in memory. */
    private static final class Source extends SimpleJavaFileObject {

        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
