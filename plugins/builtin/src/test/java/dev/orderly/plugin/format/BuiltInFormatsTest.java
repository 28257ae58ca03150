package dev.orderly.plugin.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.MessageFormatPort;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BuiltInFormatsTest {

    @Test
    void serviceLoaderFindsTheJsonDebeziumAndCanalJsonFormats() {
        assertThat(ServiceLoader.load(MessageFormatPort.class).stream().map(provider -> provider.get().identifier()))
                .containsExactlyInAnyOrder("json", "debezium", "canal-json");
    }
}
