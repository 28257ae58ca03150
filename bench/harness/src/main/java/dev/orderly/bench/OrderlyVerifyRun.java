package dev.orderly.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code orderly verify --writer-stopped --json} over an orderly contender's topic, in a JVM of its
 * own (it holds the decoded topic in memory), after the run: the project's verifier checks O1-O5 or
 * H1-H6 on every record.
 */
final class OrderlyVerifyRun {

    private OrderlyVerifyRun() {
    }

    /**
     * @return {@code clean (...)} or {@code VIOLATIONS ...} / {@code FAILED ...} with what was found
     */
    static String verify(Path argumentFile, String bootstrapServers, String topic, String mode, boolean exactlyOnce, Path output) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("verify", "--bootstrap-servers", bootstrapServers, "--topic", topic, "--mode", mode,
                "--writer-stopped", "--json", "--progress-interval", "60"));
        if (exactlyOnce) {
            arguments.add("--exactly-once");
        }
        Path log = output.resolveSibling("verify.log");
        int exit;
        try (ChildJvm verify = ChildJvm.start("verify " + topic, argumentFile, List.of("-Xmx6g", "-XX:+UseParallelGC"),
                "dev.orderly.app.cli.OrderlyCommand", arguments, log, Map.of())) {
            exit = verify.waitFor(Duration.ofMinutes(10));
        }
        String text = Files.readString(log);
        int start = text.indexOf("\n{");
        if (start < 0) {
            return "FAILED exit " + exit + ", no JSON report (see " + log + ")";
        }
        JsonNode report = new ObjectMapper().readTree(text.substring(start + 1));
        Files.writeString(output, report.toPrettyString());
        JsonNode summary = report.get("summary");
        String found = String.format("%,d records, %,d control, %,d transactions, %,d replayed, violations %s, notices %s, %.1f s",
                summary.get("records").asLong(), summary.get("control_records").asLong(), summary.get("transactions").asLong(),
                summary.get("replayed_records").asLong(), summary.get("violations_by_kind"), summary.get("notices_by_kind"),
                summary.get("elapsed_ms").asLong() / 1e3);
        return (exit == 0 && summary.get("clean").asBoolean() ? "clean (" : "VIOLATIONS exit " + exit + " (") + found + ")";
    }
}
