package dev.orderly.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.config.OrderlySettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code orderly check}: one line per check, a summary, exit 1 on any failure; the checks themselves are given by the test. */
class CheckCommandTest {

    private static final String VALID = """
            name: shop
            source:
              type: mysql
              host: 127.0.0.1
              port: 1
              user: cdc
              password: ${file:PASSWORD_FILE}
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

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void everyCheckIsOneAlignedLineAndPassingAndInformationExitZero() throws IOException {
        AtomicReference<OrderlySettings> checked = new AtomicReference<>();

        int exit = check(VALID, settings -> {
            checked.set(settings);
            return List.of(CheckResult.pass("binlog_format", "ROW"), CheckResult.info("gtid_mode", "gtid_mode=ON"));
        });

        assertThat(exit).isZero();
        assertThat(checked.get().source().serverId()).isEqualTo(5401);
        assertThat(out.toString().lines()).containsExactly(
                "PASS  configuration  " + directory.resolve("config.yaml") + ": pipeline shop, mysql at 127.0.0.1:1 to topic shop.changes at"
                        + " 127.0.0.1:1, partition.mode hash, delivery at-least-once",
                "PASS  binlog_format  ROW",
                "INFO  gtid_mode      gtid_mode=ON",
                "result: PASS - 2 passed, 0 warnings, 1 info");
    }

    @Test
    void aFailureGivesItsFixAndExitsOne() throws IOException {
        int exit = check(VALID, settings -> List.of(
                CheckResult.fail("binlog_format", "found STATEMENT", "SET GLOBAL binlog_format=ROW"),
                CheckResult.warn("offsets topic", "not compacted", "compact it"),
                CheckResult.pass("server_id", "1")));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().lines()).contains(
                "FAIL  binlog_format  found STATEMENT; fix: SET GLOBAL binlog_format=ROW",
                "WARN  offsets topic  not compacted; fix: compact it",
                "result: FAIL - 1 failed (binlog_format), 2 passed, 1 warnings, 0 info");
    }

    @Test
    void aWarningAloneDoesNotFail() throws IOException {
        int exit = check(VALID, settings -> List.of(CheckResult.warn("offsets topic", "not compacted", "compact it")));

        assertThat(exit).isZero();
    }

    @Test
    void anInvalidConfigurationIsAFailedCheckWithTheMessageRunGivesAndNothingElseIsChecked() throws IOException {
        int exit = check(VALID.replace("mode: hash", "mode: round_robin"), settings -> {
            throw new AssertionError("nothing may be checked when the configuration does not load");
        });

        assertThat(exit).isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("FAIL  configuration  ").contains("has 1 problem:");
        assertThat(lines.get(1)).startsWith("                     - partition.mode: found \"round_robin\"");
        assertThat(lines).last().isEqualTo("result: FAIL - 1 failed (configuration), 0 passed, 0 warnings, 0 info");
    }

    @Test
    void aMissingConfigurationFileIsAFailedCheckNamingIt() {
        int exit = new CommandLine(new CheckCommand(settings -> List.of())).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--config", directory.resolve("nope.yaml").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).startsWith("FAIL  configuration  ").contains("nope.yaml");
    }

    @Test
    void withoutConfigIsAUsageError() {
        int exit = OrderlyCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "check");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void jsonHasTheResultTheCountsAndEveryCheck() throws IOException {
        int exit = check(VALID, settings -> List.of(CheckResult.fail("binlog_format", "found STATEMENT", "SET GLOBAL binlog_format=ROW")),
                "--json");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("\"result\" : \"FAIL\"", "\"pass\" : 1", "\"fail\" : 1")
                .contains("{ \"name\" : \"binlog_format\", \"status\" : \"FAIL\", \"detail\" : \"found STATEMENT\","
                        + " \"fix\" : \"SET GLOBAL binlog_format=ROW\" }");
    }

    private int check(String config, Function<OrderlySettings, List<CheckResult>> preflight, String... options) throws IOException {
        Path password = Files.writeString(directory.resolve("password"), "secret");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path file = Files.writeString(directory.resolve("config.yaml"), config.replace("PASSWORD_FILE", password.toString()));
        String[] arguments = new String[options.length + 2];
        arguments[0] = "--config";
        arguments[1] = file.toString();
        System.arraycopy(options, 0, arguments, 2, options.length);
        return new CommandLine(new CheckCommand(preflight)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(arguments);
    }
}
