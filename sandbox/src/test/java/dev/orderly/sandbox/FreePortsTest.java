package dev.orderly.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void allocatesDistinctPorts() {
        int[] ports = FreePorts.allocate(3);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(3);
        assertThat(Arrays.stream(ports).boxed()).allSatisfy(port -> assertThat(port).isBetween(1, 65535));
    }

    @Test
    void quotesABadCount() {
        assertThatThrownBy(() -> FreePorts.allocate(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be >= 1 but got 0");
    }
}
