package dev.orderly.app.plugins;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.spi.PartitionRulePort;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the partition rules: the built-in ones through {@link ServiceLoader} on orderly's own class
 * loader, then those of the plugin directory, if one is given.
 *
 * <p>In the plugin directory, taken in order of file name, every {@code *.jar} is a plugin with a
 * {@link URLClassLoader} of its own, and every subdirectory is a plugin whose class loader spans all
 * the JARs directly inside it (for a rule and the libraries it needs). The parent of each of these
 * class loaders shares only the packages {@code dev.orderly.ports.*} and {@code dev.orderly.domain.*}
 * with orderly, besides the JDK, so plugins see neither orderly's internals and libraries nor each
 * other. Each plugin's {@code META-INF/services/dev.orderly.ports.spi.PartitionRulePort} names its
 * providers; each provider is instantiated once and its declarations are checked: an identifier
 * matching {@code [a-z0-9_-]+}, no {@code null} declarations, no option key declared twice.
 *
 * <p>Loading reports every problem at once in a {@link PluginLoadingException} and then loads
 * nothing: a missing plugin directory, a plugin without providers, a provider that cannot be
 * loaded or instantiated, an invalid identifier, two rules with the same identifier (the one loaded
 * first, in the order above, is named first).
 *
 * <p>Immutable and thread-safe; each call loads afresh, with new class loaders.
 */
public final class PluginLoader {

    private static final String SERVICE_TYPE = PartitionRulePort.class.getName();

    private final ClassLoader host;

    /**
     * @param host orderly's class loader: it provides the built-in rules and defines the shared SPI
     *     and domain classes
     */
    public PluginLoader(ClassLoader host) {
        this.host = requireNonNull(host, "host is null");
    }

    /** A loader over the class loader orderly itself was loaded by. */
    public static PluginLoader forApplication() {
        return new PluginLoader(PluginLoader.class.getClassLoader());
    }

    /**
     * @param pluginDirectory the directory to load plugins from; empty for the built-in rules only
     * @return the rules, sorted by identifier; the caller closes them when it no longer uses them
     * @throws PluginLoadingException listing every problem found
     */
    public PartitionRules load(Optional<Path> pluginDirectory) {
        requireNonNull(pluginDirectory, "pluginDirectory is null");
        List<String> problems = new ArrayList<>();
        Map<String, LoadedRule> rules = new LinkedHashMap<>();
        List<URLClassLoader> classLoaders = new ArrayList<>();
        Optional<Path> directory = pluginDirectory.map(path -> path.toAbsolutePath().normalize());
        try {
            for (PartitionRulePort provider : providers(host, "orderly's class path", problems).providers()) {
                register(provider, RuleOrigin.BUILT_IN, rules, problems);
            }
            if (directory.isPresent()) {
                SharedPackagesClassLoader shared = new SharedPackagesClassLoader(host);
                for (PluginLocation plugin : PluginLocation.scan(directory.get(), problems)) {
                    URLClassLoader classLoader = plugin.classLoader(shared);
                    classLoaders.add(classLoader);
                    loadPlugin(plugin, classLoader, rules, problems);
                }
            }
        } catch (RuntimeException e) {
            closeQuietly(classLoaders, e);
            throw e;
        }
        if (!problems.isEmpty()) {
            PluginLoadingException failure = new PluginLoadingException(problems);
            closeQuietly(classLoaders, failure);
            throw failure;
        }
        return new PartitionRules(rules, directory, classLoaders);
    }

    private static void loadPlugin(PluginLocation plugin, ClassLoader classLoader, Map<String, LoadedRule> rules, List<String> problems) {
        Found found = providers(classLoader, plugin.path().toString(), problems);
        if (found.providers().isEmpty() && !found.failed()) {
            List<String> entries = plugin.serviceEntries();
            problems.add("No service providers of type " + SERVICE_TYPE + " in " + plugin.path() + "; it contains: "
                    + (entries.isEmpty() ? "none" : String.join(", ", entries)) + ". Add META-INF/services/" + SERVICE_TYPE
                    + " naming the plugin's PartitionRulePort class, one per line");
        }
        for (PartitionRulePort provider : found.providers()) {
            register(provider, RuleOrigin.plugin(locationOf(provider, plugin)), rules, problems);
        }
    }

    /**
     * Instantiates the providers a class loader lists. After a provider fails, the rest of that
     * class loader's providers are skipped: {@link ServiceLoader} does not promise to recover.
     */
    private static Found providers(ClassLoader classLoader, String where, List<String> problems) {
        List<PartitionRulePort> providers = new ArrayList<>();
        Iterator<PartitionRulePort> iterator = ServiceLoader.load(PartitionRulePort.class, classLoader).iterator();
        try {
            while (iterator.hasNext()) {
                providers.add(iterator.next());
            }
            return new Found(providers, false);
        } catch (ServiceConfigurationError | LinkageError e) {
            String message = String.valueOf(e.getMessage()).replaceFirst("^" + SERVICE_TYPE.replace(".", "\\.") + ": ", "");
            String cause = e.getCause() == null ? "" : ": " + PluginFailure.describe(e.getCause());
            String hint = e instanceof ServiceConfigurationError && e.getCause() == null
                    ? ". Check the class names in META-INF/services/" + SERVICE_TYPE + " and that each class implements PartitionRulePort"
                    + " and has a public no-argument constructor"
                    : "";
            problems.add("cannot load a partition rule from " + where + ": " + message + cause + hint);
            return new Found(providers, true);
        }
    }

    private static void register(PartitionRulePort provider, RuleOrigin origin, Map<String, LoadedRule> rules, List<String> problems) {
        Optional<String> identifier = RuleDeclarationCheck.check(provider, origin, problems);
        if (identifier.isEmpty()) {
            return;
        }
        LoadedRule earlier = rules.putIfAbsent(identifier.get(), new LoadedRule(identifier.get(), provider, origin));
        if (earlier != null) {
            problems.add("partition rule '" + identifier.get() + "' is provided twice: by " + RuleDeclarationCheck.describe(earlier.factory(),
                    earlier.origin()) + " and by " + RuleDeclarationCheck.describe(provider, origin)
                    + "; remove one of the two plugins from the plugin directory, or give one rule another identifier");
        }
    }

    /** The JAR of the provider's class; for a directory plugin, that is one of the JARs in the directory. */
    private static Path locationOf(PartitionRulePort provider, PluginLocation plugin) {
        if (plugin.jars().equals(List.of(plugin.path()))) {
            return plugin.path();
        }
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        try {
            Path jar = location == null ? null : Path.of(location.toURI());
            return jar != null && plugin.jars().contains(jar) ? jar : plugin.path();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return plugin.path();
        }
    }

    private static void closeQuietly(List<URLClassLoader> classLoaders, Throwable failure) {
        for (URLClassLoader classLoader : classLoaders) {
            try {
                classLoader.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** The providers found through one class loader, and whether one failed to load. */
    private record Found(List<PartitionRulePort> providers, boolean failed) {
    }
}
