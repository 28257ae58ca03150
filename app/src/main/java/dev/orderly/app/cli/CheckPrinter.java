package dev.orderly.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.orderly.ports.check.CheckResult;
import dev.orderly.ports.check.CheckStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints what {@code orderly check} found: one line per check ({@code PASS  binlog_format  ROW}, a
 * failure followed by {@code ; fix: ...}) and a summary line, or one JSON document.
 */
final class CheckPrinter {

    /** Leaves the output open: it is the command line's. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final String GAP = "  ";

    private CheckPrinter() {
    }

    static void text(PrintWriter out, List<CheckResult> results) {
        int nameWidth = results.stream().mapToInt(result -> result.name().length()).max().orElse(0);
        String continuation = " ".repeat(CheckStatus.FAIL.name().length() + GAP.length() + nameWidth + GAP.length());
        for (CheckResult result : results) {
            String text = result.detail() + result.fix().map(fix -> "; fix: " + fix).orElse("");
            List<String> lines = text.lines().toList();
            out.println(result.status().name() + GAP + pad(result.name(), nameWidth) + GAP + lines.get(0));
            lines.subList(1, lines.size()).forEach(line -> out.println(continuation + line.strip()));
        }
        out.println(summary(results));
        out.flush();
    }

    static void json(PrintWriter out, List<CheckResult> results) {
        try (JsonGenerator json = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("result", failed(results) ? "FAIL" : "PASS");
            for (CheckStatus status : CheckStatus.values()) {
                json.writeNumberField(status.name().toLowerCase(java.util.Locale.ROOT), count(results, status));
            }
            json.writeArrayFieldStart("checks");
            for (CheckResult result : results) {
                json.writeStartObject();
                json.writeStringField("name", result.name());
                json.writeStringField("status", result.status().name());
                json.writeStringField("detail", result.detail());
                if (result.fix().isPresent()) {
                    json.writeStringField("fix", result.fix().get());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report", e);
        }
        out.println();
        out.flush();
    }

    /** {@code result: FAIL - 2 failed (binlog_format, tables), 12 passed, 0 warnings, 2 info}. */
    static String summary(List<CheckResult> results) {
        String counts = count(results, CheckStatus.PASS) + " passed, " + count(results, CheckStatus.WARN) + " warnings, "
                + count(results, CheckStatus.INFO) + " info";
        if (!failed(results)) {
            return "result: PASS - " + counts;
        }
        String failedNames = results.stream().filter(CheckResult::failed).map(CheckResult::name).distinct().collect(Collectors.joining(", "));
        return "result: FAIL - " + count(results, CheckStatus.FAIL) + " failed (" + failedNames + "), " + counts;
    }

    static boolean failed(List<CheckResult> results) {
        return results.stream().anyMatch(CheckResult::failed);
    }

    private static long count(List<CheckResult> results, CheckStatus status) {
        return results.stream().filter(result -> result.status() == status).count();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
