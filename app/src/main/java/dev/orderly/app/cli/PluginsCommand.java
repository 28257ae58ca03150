package dev.orderly.app.cli;

import dev.orderly.app.plugins.LoadedRule;
import dev.orderly.app.plugins.PartitionRules;
import dev.orderly.app.plugins.PluginLoader;
import dev.orderly.app.wiring.PluginDirectorySetting;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOption;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orderly plugins}: lists every partition rule orderly finds, built-in and from a plugin
 * directory, sorted by identifier, with its guarantee, origin, description and options. Loads the
 * plugins exactly as {@code run} does, so it is also the way to check a plugin directory: a loading
 * problem exits with code 2 and the message {@code run} would give.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the partition rules: built-in and from a plugin directory, with their guarantees and options.")
final class PluginsCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    Directory directory;

    @Spec
    CommandSpec spec;

    /** Where the plugin directory is named: directly, or by a configuration file. */
    static final class Directory {

        @Option(names = "--plugin-directory", paramLabel = "DIR", description = "The plugin directory to load.")
        Path pluginDirectory;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                description = "A configuration file whose plugin-directory to load; nothing else of the file is read.")
        Path config;
    }

    @Override
    public Integer call() {
        Optional<Path> pluginDirectory = pluginDirectory();
        PrintWriter out = spec.commandLine().getOut();
        try (PartitionRules rules = PluginLoader.forApplication().load(pluginDirectory)) {
            List<LoadedRule> listed = rules.list();
            out.println(listed.size() + " partition rules; plugin directory: "
                    + rules.pluginDirectory().map(Path::toString).orElse(directory != null && directory.config != null
                            ? "none (" + directory.config + " sets no " + PluginDirectorySetting.KEY + ")"
                            : "none"));
            for (LoadedRule rule : listed) {
                out.println();
                print(out, rule);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Optional<Path> pluginDirectory() {
        if (directory == null) {
            // A distribution's own plugins/ directory, as orderly run would use it.
            return PluginDirectorySetting.defaultDirectory();
        }
        if (directory.config != null) {
            return PluginDirectorySetting.read(directory.config);
        }
        return Optional.of(directory.pluginDirectory);
    }

    private static void print(PrintWriter out, LoadedRule rule) {
        PartitionRulePort factory = rule.factory();
        out.println(rule.identifier() + " (" + rule.origin() + ")");
        out.println("  guarantee:   " + factory.guarantee().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.println("  description: " + (factory.description().isBlank() ? "(none)" : factory.description()));
        List<String[]> options = new ArrayList<>();
        factory.requiredOptions().forEach(option -> options.add(row(option, "required")));
        factory.optionalOptions().forEach(option -> options.add(row(option, "default " + value(option.defaultValue()))));
        if (options.isEmpty()) {
            out.println("  options:     none");
            return;
        }
        out.println("  options:");
        int keyWidth = options.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        int typeWidth = options.stream().mapToInt(row -> row[1].length()).max().orElse(0);
        for (String[] row : options) {
            out.println(("    %-" + keyWidth + "s  %-" + typeWidth + "s  %s").formatted(row[0], row[1], row[2]).stripTrailing());
        }
    }

    private static String[] row(RuleOption<?> option, String presence) {
        return new String[] {option.key(), option.type().name() + ", " + presence, option.description()};
    }

    private static String value(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
