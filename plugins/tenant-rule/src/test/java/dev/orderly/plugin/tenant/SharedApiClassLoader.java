package dev.orderly.plugin.tenant;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The parent the host gives a plugin's class loader: the JDK, plus {@code dev.orderly.ports.*} and
 * {@code dev.orderly.domain.*} from the host; no other class and no resource of the host is visible.
 */
final class SharedApiClassLoader extends ClassLoader {

    private static final List<String> SHARED_PACKAGES = List.of("dev.orderly.ports.", "dev.orderly.domain.");

    private final ClassLoader host;

    SharedApiClassLoader(ClassLoader host) {
        super("orderly-shared-api", ClassLoader.getPlatformClassLoader());
        this.host = requireNonNull(host, "host is null");
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (SHARED_PACKAGES.stream().anyMatch(name::startsWith)) {
            return host.loadClass(name);
        }
        throw new ClassNotFoundException(name + " is not shared with plugins; only " + SHARED_PACKAGES + " are");
    }
}
