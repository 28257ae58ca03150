package dev.orderly.app.plugins;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.MessageFormatPort;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The providers of one extension kind, by identifier, loaded once through {@link ServiceLoader} on
 * orderly's own class path and sorted so that listings and errors are deterministic. Used for record
 * formats; partition rules, which also come from the plugin directory, are loaded by
 * {@link PluginLoader}. Immutable.
 *
 * @param <T> the extension kind
 */
public final class Providers<T> {

    private final String kind;
    private final Map<String, T> byIdentifier;

    private Providers(String kind, Map<String, T> byIdentifier) {
        this.kind = kind;
        this.byIdentifier = Collections.unmodifiableMap(byIdentifier);
    }

    public static Providers<MessageFormatPort> formats(ClassLoader loader) {
        return load("record format", MessageFormatPort.class, MessageFormatPort::identifier, loader);
    }

    /** @throws IllegalStateException when two providers share an identifier; the message names both classes */
    static <T> Providers<T> load(String kind, Class<T> type, Function<T, String> identifier, ClassLoader loader) {
        Map<String, T> found = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        for (T provider : ServiceLoader.load(type, loader)) {
            String name = requireNonNull(identifier.apply(provider), () -> provider.getClass().getName() + " returned a null identifier");
            T earlier = found.putIfAbsent(name, provider);
            if (earlier != null) {
                clashes.add("'" + name + "' is provided by both " + earlier.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("duplicate " + kind + " identifiers: " + String.join("; ", clashes)
                    + ". Remove one of the plugins or rename its " + kind + ".");
        }
        return new Providers<>(kind, found);
    }

    /** @throws IllegalArgumentException naming the identifiers that are available */
    public T get(String identifier) {
        T provider = byIdentifier.get(identifier);
        if (provider == null) {
            throw new IllegalArgumentException("no " + kind + " named '" + identifier + "'; available: " + byIdentifier.keySet());
        }
        return provider;
    }

    public java.util.Set<String> identifiers() {
        return byIdentifier.keySet();
    }

    /** Every provider by identifier, sorted. */
    public Map<String, T> asMap() {
        return byIdentifier;
    }
}
