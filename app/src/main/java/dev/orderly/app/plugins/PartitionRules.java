package dev.orderly.app.plugins;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.spi.PartitionRulePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The partition rules one {@link PluginLoader#load} found, built-in and from plugins, by identifier
 * and sorted, so that listings and error messages are the same on every machine.
 *
 * <p>Immutable and safe to use from any thread. Lifecycle: it owns the class loaders of the plugin
 * JARs; {@link #close()} releases them, after which rules created from it must not be used. A
 * running pipeline keeps its rules for the life of the process; commands that only inspect rules
 * ({@code orderly plugins}) and tests close them.
 */
public final class PartitionRules implements AutoCloseable {

    private final Map<String, LoadedRule> byIdentifier;
    private final Optional<Path> pluginDirectory;
    private final List<URLClassLoader> classLoaders;

    PartitionRules(Map<String, LoadedRule> byIdentifier, Optional<Path> pluginDirectory, List<URLClassLoader> classLoaders) {
        this.byIdentifier = Collections.unmodifiableMap(new TreeMap<>(byIdentifier));
        this.pluginDirectory = requireNonNull(pluginDirectory, "pluginDirectory is null");
        this.classLoaders = List.copyOf(classLoaders);
    }

    /** Every rule, sorted by identifier. */
    public List<LoadedRule> list() {
        return List.copyOf(byIdentifier.values());
    }

    /** The factories by identifier, sorted; what the config loader and the pipeline are given. */
    public Map<String, PartitionRulePort> asMap() {
        Map<String, PartitionRulePort> factories = new LinkedHashMap<>();
        byIdentifier.forEach((identifier, rule) -> factories.put(identifier, rule.factory()));
        return Collections.unmodifiableMap(factories);
    }

    public Set<String> identifiers() {
        return byIdentifier.keySet();
    }

    /** The directory plugins were loaded from (absolute); empty when only built-in rules were loaded. */
    public Optional<Path> pluginDirectory() {
        return pluginDirectory;
    }

    /**
     * @throws IllegalArgumentException naming every loaded rule and where it came from, when none has this identifier
     */
    public LoadedRule lookup(String identifier) {
        LoadedRule rule = byIdentifier.get(identifier);
        if (rule == null) {
            throw new IllegalArgumentException("no partition rule named '" + identifier + "'; found: "
                    + byIdentifier.values().stream().map(LoadedRule::toString).collect(Collectors.joining(", ")));
        }
        return rule;
    }

    /** Closes the plugin class loaders; built-in rules stay usable. */
    @Override
    public void close() {
        IOException failure = null;
        for (URLClassLoader loader : classLoaders) {
            try {
                loader.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot close the plugin class loaders", failure);
        }
    }
}
