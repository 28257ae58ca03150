package dev.orderly.adapter.config;

import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.ports.config.ConfigContext;
import dev.orderly.ports.config.ConfigProblem;
import dev.orderly.ports.spi.PartitionRulePort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A {@link ConfigContext} as a running orderly with the built-in rules and formats (and, on request, plugins) would give it. */
final class TestingConfigContext {

    static final Set<String> FORMATS = Set.of("json", "debezium", "canal-json");

    private TestingConfigContext() {
    }

    /** Built-in modes and formats, and a producer check that finds nothing. */
    static ConfigContext builtIns() {
        return withProducerCheck(settings -> List.of());
    }

    static ConfigContext withProducerCheck(Function<Map<String, String>, List<ConfigProblem>> producerCheck) {
        return new ConfigContext(byIdentifier(builtInRules()), FORMATS, producerCheck);
    }

    /** Rules of the given identifiers, none with options, as plugins would add them. */
    static ConfigContext withModes(Set<String> modes) {
        return new ConfigContext(byIdentifier(modes.stream().map(mode -> TestingPartitionRule.withoutOptions(mode, OrderingGuarantee.PER_KEY)).toList()),
                FORMATS, settings -> List.of());
    }

    /** The built-in rules and the {@code tenant} rule of {@link TestingPartitionRule#tenant()}, whose options are declared. */
    static ConfigContext withTenantRule() {
        List<PartitionRulePort> rules = new ArrayList<>(builtInRules());
        rules.add(TestingPartitionRule.tenant());
        return new ConfigContext(byIdentifier(rules), FORMATS, settings -> List.of());
    }

    /** {@code one_partition} and {@code hash}, without options, as the built-in rules declare them. */
    private static List<PartitionRulePort> builtInRules() {
        return List.of(TestingPartitionRule.withoutOptions("one_partition", OrderingGuarantee.TOTAL),
                TestingPartitionRule.withoutOptions("hash", OrderingGuarantee.PER_KEY));
    }

    private static Map<String, PartitionRulePort> byIdentifier(List<? extends PartitionRulePort> rules) {
        Map<String, PartitionRulePort> byIdentifier = new LinkedHashMap<>();
        rules.forEach(rule -> byIdentifier.put(rule.identifier(), rule));
        return byIdentifier;
    }
}
