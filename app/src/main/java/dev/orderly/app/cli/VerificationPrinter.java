package dev.orderly.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.orderly.domain.verify.Notice;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.domain.verify.Violation;
import dev.orderly.ports.TopicExtent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints what {@code orderly verify} found: for people (every violation and notice, one per line) or as one JSON document. */
final class VerificationPrinter {

    /** Leaves the output open: it is the command line's, and more may follow. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private VerificationPrinter() {
    }

    static void text(PrintWriter out, TopicVerification verification) {
        VerificationReport report = verification.report();
        TopicExtent extent = verification.extent();
        out.println("orderly verify: topic " + extent.topic() + " (" + extent.partitionCount() + " partitions), mode " + modeText(verification)
                + ", format " + verification.format() + ", " + deliveryText(verification) + ", "
                + (verification.writerStopped() ? "writer stopped (nothing may be in flight)" : "writer may be running (its last transactions may be in flight)"));
        out.printf("read %,d records and %,d control records in %.1f s; offsets per partition (from-to): %s%n", report.records(),
                report.controlRecords(), verification.elapsed().toMillis() / 1000.0, offsetsText(extent));
        if (!report.violations().isEmpty()) {
            out.println("violations (" + report.violations().size() + "):");
            report.violations().forEach(violation -> out.println("  " + violation));
        }
        if (!report.notices().isEmpty()) {
            out.println("notices (" + report.notices().size() + "; allowed, for information):");
            report.notices().forEach(notice -> out.println("  " + notice));
        }
        String summary = report.summary().lines().findFirst().orElse("");
        out.println(report.clean() ? "result: PASS - " + summary : "result: FAIL - " + summary);
        out.flush();
    }

    static void json(PrintWriter out, TopicVerification verification) {
        VerificationReport report = verification.report();
        TopicExtent extent = verification.extent();
        try (JsonGenerator json = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeObjectFieldStart("summary");
            json.writeStringField("topic", extent.topic());
            json.writeNumberField("partition_count", extent.partitionCount());
            json.writeStringField("mode", verification.mode().identifier());
            json.writeStringField("mode_chosen_by", verification.modeFromPartitionCount() ? "partition-count" : "option");
            json.writeStringField("format", verification.format());
            json.writeStringField("delivery", verification.exactlyOnce() ? "exactly-once" : "at-least-once");
            json.writeBooleanField("writer_stopped", verification.writerStopped());
            json.writeArrayFieldStart("offsets");
            for (Map.Entry<Integer, Long> start : extent.startOffsets().entrySet()) {
                json.writeStartObject();
                json.writeNumberField("partition", start.getKey());
                json.writeNumberField("from", start.getValue());
                json.writeNumberField("to", extent.endOffsets().get(start.getKey()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("records", report.records());
            json.writeNumberField("control_records", report.controlRecords());
            json.writeNumberField("transactions", report.transactions());
            json.writeNumberField("replayed_records", report.replayedRecords());
            json.writeNumberField("elapsed_ms", verification.elapsed().toMillis());
            json.writeBooleanField("clean", report.clean());
            json.writeObjectFieldStart("violations_by_kind");
            for (Map.Entry<String, Long> count : countsBy(report.violations().stream().map(Violation::rule)).entrySet()) {
                json.writeNumberField(count.getKey(), count.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("notices_by_kind");
            for (Map.Entry<String, Long> count : countsBy(report.notices().stream().map(notice -> notice.kind().label())).entrySet()) {
                json.writeNumberField(count.getKey(), count.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeArrayFieldStart("violations");
            for (Violation violation : report.violations()) {
                writeFinding(json, violation.rule(), violation.partition(), violation.offset(), violation.message());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("notices");
            for (Notice notice : report.notices()) {
                writeFinding(json, notice.kind().label(), notice.partition(), notice.offset(), notice.message());
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verification report as JSON", e);
        }
        out.println();
        out.flush();
    }

    /** One violation or notice; a finding that points at no record has a null partition and offset. */
    private static void writeFinding(JsonGenerator json, String kind, int partition, long offset, String message) throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", kind);
        if (partition < 0) {
            json.writeNullField("partition");
            json.writeNullField("offset");
        } else {
            json.writeNumberField("partition", partition);
            json.writeNumberField("offset", offset);
        }
        json.writeStringField("message", message);
        json.writeEndObject();
    }

    private static Map<String, Long> countsBy(java.util.stream.Stream<String> kinds) {
        return kinds.collect(Collectors.groupingBy(kind -> kind, TreeMap::new, Collectors.counting()));
    }

    private static String modeText(TopicVerification verification) {
        String mode = verification.mode().identifier();
        if (!verification.modeFromPartitionCount()) {
            return mode;
        }
        return mode + " (chosen because the topic has " + (verification.extent().partitionCount() == 1 ? "one partition" : "more than one partition")
                + "; pass --mode to choose)";
    }

    private static String deliveryText(TopicVerification verification) {
        return verification.exactlyOnce() ? "exactly-once (every repeated record is a violation)"
                : "at-least-once (replayed suffixes are notices; pass --exactly-once to count them as violations)";
    }

    private static String offsetsText(TopicExtent extent) {
        return extent.startOffsets().entrySet().stream()
                .map(start -> start.getKey() + ":" + start.getValue() + "-" + extent.endOffsets().get(start.getKey()))
                .collect(Collectors.joining(", "));
    }
}
