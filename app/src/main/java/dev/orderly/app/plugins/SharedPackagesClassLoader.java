package dev.orderly.app.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugin class loader: it shows a plugin the JDK (through the platform class
 * loader) and, from orderly's own class loader, only the classes and resources of
 * {@link #SHARED_PACKAGES}. Everything else of orderly (the app, the adapters, Jackson, Kafka,
 * Debezium, the built-in rules) stays invisible, so a plugin bundles the libraries it needs and
 * cannot come to depend on orderly's versions of them. Resources outside the shared packages are
 * hidden too: a {@link java.util.ServiceLoader} over a plugin's class loader finds the plugin's
 * {@code META-INF/services} files only, never orderly's.
 *
 * <p>Thread-safe (registered as parallel capable); it defines no class itself.
 */
final class SharedPackagesClassLoader extends ClassLoader {

    /** The package prefixes a plugin shares with orderly: the SPI and the domain model it mentions. */
    static final List<String> SHARED_PACKAGES = List.of("dev.orderly.ports.", "dev.orderly.domain.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;
    private final List<String> sharedResourcePrefixes;

    /** @param host orderly's class loader, which defines the shared classes */
    SharedPackagesClassLoader(ClassLoader host) {
        super("orderly-plugin-api", ClassLoader.getPlatformClassLoader());
        this.host = requireNonNull(host, "host is null");
        this.sharedResourcePrefixes = SHARED_PACKAGES.stream().map(prefix -> prefix.replace('.', '/')).toList();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (SHARED_PACKAGES.stream().anyMatch(name::startsWith)) {
            return host.loadClass(name);
        }
        throw new ClassNotFoundException(name + " is not visible to plugins, which see only the JDK and the packages " + SHARED_PACKAGES
                + "; bundle it in the plugin");
    }

    @Override
    protected URL findResource(String name) {
        return isShared(name) ? host.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return isShared(name) ? host.getResources(name) : Collections.emptyEnumeration();
    }

    private boolean isShared(String resourceName) {
        String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
        return sharedResourcePrefixes.stream().anyMatch(name::startsWith);
    }
}
