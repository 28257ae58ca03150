package dev.orderly.adapter.config;

import dev.orderly.ports.config.ConfigContext;
import dev.orderly.ports.config.ConfigProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A {@link ConfigContext} as a running orderly with the built-in rules and formats would give it. */
final class TestingConfigContext {

    static final Set<String> MODES = Set.of("one_partition", "hash");
    static final Set<String> FORMATS = Set.of("json", "debezium", "canal-json");

    private TestingConfigContext() {
    }

    /** Built-in modes and formats, and a producer check that finds nothing. */
    static ConfigContext builtIns() {
        return withProducerCheck(settings -> List.of());
    }

    static ConfigContext withProducerCheck(Function<Map<String, String>, List<ConfigProblem>> producerCheck) {
        return new ConfigContext(MODES, FORMATS, producerCheck);
    }

    static ConfigContext withModes(Set<String> modes) {
        return new ConfigContext(modes, FORMATS, settings -> List.of());
    }
}
