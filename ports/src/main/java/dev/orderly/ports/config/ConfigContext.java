package dev.orderly.ports.config;

import static java.util.Objects.requireNonNull;

import dev.orderly.ports.spi.PartitionRulePort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the config loader needs to know of the running orderly to validate a file in one pass.
 *
 * @param partitionRules the loaded partition rules by identifier, whose option declarations validate {@code options:}
 * @param formats the identifiers of the loaded record formats
 * @param producerCheck the sink's check of raw producer settings (D3); returns problems with full key paths
 */
public record ConfigContext(Map<String, PartitionRulePort> partitionRules, Set<String> formats, Function<Map<String, String>, List<ConfigProblem>> producerCheck) {

    public ConfigContext {
        partitionRules = Map.copyOf(partitionRules);
        formats = Set.copyOf(formats);
        requireNonNull(producerCheck, "producerCheck is null");
    }

    /** The identifiers of the loaded partition rules. */
    public Set<String> partitionModes() {
        return partitionRules.keySet();
    }
}
