package dev.orderly.app.plugins;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.spi.PartitionRulePort;

/**
 * A partition-rule factory that passed the host's checks at loading, with where it came from.
 *
 * @param identifier what the factory returned from {@link PartitionRulePort#identifier()} at loading
 * @param factory the provider, instantiated once
 * @param origin where its class was loaded from
 */
public record LoadedRule(String identifier, PartitionRulePort factory, RuleOrigin origin) {

    public LoadedRule {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(factory, "factory is null");
        requireNonNull(origin, "origin is null");
    }

    /** For listings and errors: {@code hash (built-in)}, {@code table (/plugins/table-rule.jar)}. */
    @Override
    public String toString() {
        return identifier + " (" + origin + ")";
    }
}
