package dev.orderly.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

    @TempDir
    Path directory;

    @Test
    void outputGoesToTheLogAndSigtermStopsTheProcess() {
        Path log = directory.resolve("server.log");
        ServerProcess server = ServerProcess.start("echo server",
                List.of("sh", "-c", "echo started; exec sleep 60"), Map.of(), directory, log);

        awaitLogContains(log, "started");
        assertThat(server.isAlive()).isTrue();
        assertThat(server.terminate(Duration.ofSeconds(10))).as("stopped by SIGTERM").isTrue();
        assertThat(server.isAlive()).isFalse();
        assertThat(server.logTail()).contains("started", "last lines of " + log);
    }

    @Test
    void aProcessIgnoringSigtermIsKilled() {
        Path log = directory.resolve("stubborn.log");
        ServerProcess server = ServerProcess.start("stubborn",
                List.of("sh", "-c", "trap '' TERM; echo trapped; while true; do sleep 1; done"),
                Map.of(), directory, log);
        awaitLogContains(log, "trapped");

        assertThat(server.terminate(Duration.ofMillis(300))).as("clean stop").isFalse();
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void runToCompletionReportsTheExitCodeAndTheLogTail() {
        Path log = directory.resolve("tool.log");

        assertThatThrownBy(() -> ServerProcess.runToCompletion("failing tool",
                List.of("sh", "-c", "echo something broke; exit 3"), Map.of(), directory, log, Duration.ofSeconds(10)))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("failing tool failed with exit code 3")
                .hasMessageContaining("something broke");
    }

    @Test
    void logTailPointsAtSetupMachineWhenALibraryIsMissing() throws Exception {
        Path log = directory.resolve("mysqld.log");
        Files.writeString(log, "mysqld: error while loading shared libraries: libaio.so.1: cannot open\n");

        assertThat(ServerProcess.tailOf(log)).contains("libaio.so.1", "scripts/setup-machine");
    }

    private static void awaitLogContains(Path log, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(log) && Files.readString(log).contains(text)) {
                    return;
                }
                Thread.sleep(20);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("'" + text + "' never appeared in " + log);
    }
}
