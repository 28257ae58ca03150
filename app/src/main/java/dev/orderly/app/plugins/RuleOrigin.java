package dev.orderly.app.plugins;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a partition rule came from: built into orderly, or a plugin JAR. Shown by
 * {@code orderly plugins} and in every loading error, so an operator knows which file to remove.
 *
 * @param location the plugin JAR that holds the rule's class (for a directory plugin, the JAR
 *     inside the directory); empty for a built-in rule
 */
public record RuleOrigin(Optional<Path> location) {

    /** A rule on orderly's own class path. */
    public static final RuleOrigin BUILT_IN = new RuleOrigin(Optional.empty());

    public RuleOrigin {
        requireNonNull(location, "location is null");
    }

    /** A rule loaded from a plugin. */
    public static RuleOrigin plugin(Path location) {
        return new RuleOrigin(Optional.of(requireNonNull(location, "location is null")));
    }

    public boolean isBuiltIn() {
        return location.isEmpty();
    }

    /** {@code built-in}, or the plugin's path. */
    @Override
    public String toString() {
        return location.map(Path::toString).orElse("built-in");
    }
}
