package dev.orderly.ports.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The public types of one package, found where its classes were loaded from (a directory or a JAR). */
final class SpiPackage {

    private SpiPackage() {
    }

    /** The public top-level and nested types of {@code anchor}'s package, sorted by name. */
    static List<Class<?>> publicTypes(Class<?> anchor) {
        String packageName = anchor.getPackageName();
        List<String> classNames = classNames(anchor, packageName);
        List<Class<?>> types = new ArrayList<>();
        for (String className : classNames) {
            Class<?> type;
            try {
                type = Class.forName(className, false, anchor.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("class " + className + " was listed in the package but does not load", e);
            }
            if (isPublicApi(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static boolean isPublicApi(Class<?> type) {
        for (Class<?> enclosing = type; enclosing != null; enclosing = enclosing.getEnclosingClass()) {
            if (!Modifier.isPublic(enclosing.getModifiers()) || enclosing.isAnonymousClass() || enclosing.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> classNames(Class<?> anchor, String packageName) {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + anchor.getName(), e);
        }
        String folder = packageName.replace('.', '/');
        try {
            if (Files.isDirectory(location)) {
                return classNamesIn(location.resolve(folder), packageName);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return classNamesIn(jar.getPath(folder), packageName);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of " + packageName + " in " + location, e);
        }
    }

    private static List<String> classNamesIn(Path folder, String packageName) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".class") && !file.equals("package-info.class"))
                    .map(file -> packageName + "." + file.substring(0, file.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
    }
}
