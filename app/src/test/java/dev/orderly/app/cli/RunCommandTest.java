package dev.orderly.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code orderly run} refuses bad configurations with exit code 2 and one clear message, before connecting anywhere. */
class RunCommandTest {

    private static final String VALID = """
            source:
              type: mysql
              host: 127.0.0.1
              port: 1
              user: cdc
              password: ""
              server-id: 5401
              include: [shop.orders]
            sink:
              bootstrap-servers: 127.0.0.1:1
              topic: shop.changes
            partition:
              mode: hash
            """;

    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();

    @Test
    void aMisspeltKeyIsNamedWithTheKeysThatExist() throws IOException {
        int exit = run(VALID.replace("bootstrap-servers:", "bootstrap-server:"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("sink.bootstrap-server: found unknown key \"bootstrap-server\"")
                .contains("allowed: one of the supported keys: bootstrap-servers, delivery, ")
                .contains("did you mean 'bootstrap-servers'?")
                .contains("sink.bootstrap-servers: found (missing)");
    }

    @Test
    void anUnknownPartitionModeListsTheLoadedModes() throws IOException {
        int exit = run(VALID.replace("mode: hash", "mode: round_robin"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("partition.mode: found \"round_robin\"").contains("hash, one_partition");
    }

    @Test
    void aProducerSettingThatCouldReorderIsRefusedWithTheReason() throws IOException {
        int exit = run(VALID.replace("  topic: shop.changes\n", """
                  topic: shop.changes
                  producer:
                    max.in.flight.requests.per.connection: 10
                    enable.idempotence: false
                """));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("sink.producer.max.in.flight.requests.per.connection: found '10'")
                .contains("sink.producer.enable.idempotence: found 'false'")
                .contains("reorder");
    }

    @Test
    void aMissingPluginDirectoryIsRefusedBeforeTheFileIsValidated() throws IOException {
        Path missing = directory.resolve("no-plugins-here");

        int exit = run("plugin-directory: " + missing + "\n" + VALID);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("plugin directory " + missing + " does not exist; create it and put plugin JARs in it,"
                + " or remove plugin-directory from the configuration\n");
    }

    @Test
    void aMissingFileIsReportedByName() {
        StringWriter out = new StringWriter();
        int exit = OrderlyCommand.execute(new PrintWriter(out), new PrintWriter(err), "run", "--config", directory.resolve("nope.yaml").toString());

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("nope.yaml");
    }

    @Test
    void aStopTimeoutBelowOneSecondIsRefused() throws IOException {
        Path file = directory.resolve("config.yaml");
        Files.writeString(file, VALID);

        int exit = OrderlyCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "run", "--config", file.toString(),
                "--stop-timeout", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--stop-timeout must be at least 1 second but got 0");
    }

    private int run(String config) throws IOException {
        Path file = directory.resolve("config.yaml");
        Files.writeString(file, config);
        return OrderlyCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "run", "--config", file.toString());
    }
}
