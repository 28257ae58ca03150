package dev.orderly.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderly.app.plugins.PluginLoadingException;
import dev.orderly.app.plugins.TestingPluginJar;
import dev.orderly.app.plugins.TestingRuleSources;
import dev.orderly.domain.change.TableId;
import dev.orderly.domain.ordering.NoKeyPolicy;
import dev.orderly.ports.config.DeliveryMode;
import dev.orderly.ports.config.OrderlySettings;
import dev.orderly.ports.config.PartitionSettings;
import dev.orderly.ports.config.SinkSettings;
import dev.orderly.ports.config.SourceSettings;
import dev.orderly.ports.config.SourceType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin directory reaches the config validation and the pipeline. */
class OrderlyTest {

    @TempDir
    Path directory;

    @Test
    void theConfigContextHoldsTheBuiltInRulesAndThoseOfThePluginDirectory() {
        Path plugins = directory.resolve("plugins");
        TestingPluginJar.builder().source("com.example.ModuloRule", TestingRuleSources.modulo("com.example.ModuloRule"))
                .providers("com.example.ModuloRule").writeTo(plugins.resolve("modulo-rule.jar"));

        assertThat(Orderly.configContext(Optional.empty()).partitionModes()).containsExactlyInAnyOrder("hash", "one_partition");
        assertThat(Orderly.configContext(Optional.of(plugins)).partitionModes()).containsExactlyInAnyOrder("hash", "modulo", "one_partition");
    }

    @Test
    void thePipelineLoadsTheRulesOfTheSettingsPluginDirectoryAndReportsAProblemUnwrapped() {
        Path missing = directory.resolve("missing");
        OrderlySettings settings = new OrderlySettings("test", directory.resolve("state"),
                new SourceSettings(SourceType.MYSQL, "127.0.0.1", 1, "cdc", "secret", 5401, List.of(TableId.parse("shop.orders")), Map.of()),
                new SinkSettings("127.0.0.1:1", "shop.changes", 1, DeliveryMode.AT_LEAST_ONCE, Map.of()),
                new PartitionSettings("hash", Map.of(), NoKeyPolicy.FAIL), "json", Optional.of(missing));

        assertThatThrownBy(() -> Orderly.pipeline(settings))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageStartingWith("plugin directory " + missing + " does not exist");
    }
}
