package dev.orderly.app.plugins;

import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The host's checks of what a provider declares, made once at loading so that a broken plugin
 * fails at start with its class and file named rather than in the middle of a run: an identifier
 * users can write in {@code mode:}, a guarantee, a description, and option declarations without
 * {@code null}s or repeated keys.
 */
final class RuleDeclarationCheck {

    static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9_-]+");

    private RuleDeclarationCheck() {
    }

    /**
     * @param problems receives one sentence per problem
     * @return the provider's identifier when every check passed
     */
    static Optional<String> check(PartitionRulePort provider, RuleOrigin origin, List<String> problems) {
        String who = describe(provider, origin);
        int before = problems.size();
        Optional<String> identifier = call(who, "identifier", provider::identifier, problems);
        identifier.filter(name -> !IDENTIFIER.matcher(name).matches()).ifPresent(name -> problems.add(
                "partition rule identifier '" + name + "' of " + who + " must match " + IDENTIFIER.pattern()
                        + " (lower-case letters, digits, '_' and '-')" + suggestion(name)));
        call(who, "guarantee", provider::guarantee, problems);
        call(who, "description", provider::description, problems);
        Optional<List<RuleOption<?>>> required = call(who, "requiredOptions", provider::requiredOptions, problems);
        Optional<List<RuleOption<?>>> optional = call(who, "optionalOptions", provider::optionalOptions, problems);
        if (required.isPresent() && optional.isPresent()) {
            checkOptions(who, required.get(), optional.get(), problems);
        }
        return problems.size() == before ? identifier : Optional.empty();
    }

    /** {@code com.example.TableRule in /plugins/table.jar}, or {@code ...HashRule (built-in)}. */
    static String describe(PartitionRulePort provider, RuleOrigin origin) {
        return provider.getClass().getName() + (origin.isBuiltIn() ? " (built-in)" : " in " + origin);
    }

    private static void checkOptions(String who, List<RuleOption<?>> required, List<RuleOption<?>> optional, List<String> problems) {
        Set<String> keys = new HashSet<>();
        for (List<RuleOption<?>> options : List.of(required, optional)) {
            for (RuleOption<?> option : options) {
                if (option == null) {
                    problems.add(who + " declares a null option; remove it from requiredOptions() or optionalOptions()");
                } else if (!keys.add(option.key())) {
                    problems.add(who + " declares option '" + option.key() + "' twice; each key may appear once in requiredOptions()"
                            + " and optionalOptions() together");
                }
            }
        }
    }

    private static <T> Optional<T> call(String who, String method, Supplier<T> call, List<String> problems) {
        try {
            T value = call.get();
            if (value == null) {
                problems.add(who + " returned null from " + method + "(), which must not return null");
            }
            return Optional.ofNullable(value);
        } catch (RuntimeException | LinkageError e) {
            problems.add(who + " failed in " + method + "(): " + PluginFailure.describe(e));
            return Optional.empty();
        }
    }

    private static String suggestion(String name) {
        String fixed = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        return fixed.isEmpty() ? "" : "; rename it, e.g. '" + fixed + "'";
    }
}
