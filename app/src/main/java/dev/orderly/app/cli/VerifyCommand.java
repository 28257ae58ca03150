package dev.orderly.app.cli;

import static java.util.Objects.requireNonNull;

import dev.orderly.app.wiring.Orderly;
import dev.orderly.domain.ordering.OrderingGuarantee;
import dev.orderly.domain.ordering.PartitionMode;
import dev.orderly.domain.verify.OrderVerifier;
import dev.orderly.domain.verify.VerificationReport;
import dev.orderly.domain.verify.VerifierSettings;
import dev.orderly.domain.verify.Violation;
import dev.orderly.ports.MessageFormatPort;
import dev.orderly.ports.ReadProgress;
import dev.orderly.ports.TopicExtent;
import dev.orderly.ports.TopicReaderPort;
import dev.orderly.ports.TopicUnavailableException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code orderly verify}: reads a topic ({@code read_committed}) from the beginning or from given
 * offsets up to its end offsets at the start, checks it against the ordering contract with
 * {@link OrderVerifier} and prints every violation with the partition and offset that prove it. No
 * database and no configuration file are needed: sharding keys are the record keys, the mode is given
 * or follows from the partition count. Exit 0 only when clean.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read a topic and report every violation of the ordering contract (O1-O5, H1-H6) with the partition and offset"
                + " that prove it: reordering, torn transactions, gaps in seq, duplicates (a replayed suffix is told from a reordering),"
                + " watermarks and schema changes."},
        footer = {"", "Exit codes: 0 clean, 1 violations found, 2 invalid usage or the topic cannot be read.",
                "", "Replays: a topic written at-least-once may hold a replayed suffix after a restart (docs/DELIVERY.md); verify reports"
                        + " each one as a notice, not a violation, unless --exactly-once is given.",
                "",
                "In flight: unless --writer-stopped is given, a transaction at the end of the topic that is torn or missing beyond what the"
                        + " topic proves written (its watermarks, and later records in every partition that could hold it) is a notice:"
                        + " orderly may still be writing it.",
                "",
                "Memory: the decoded records of the whole range read are held until the check, so memory grows with the records read;"
                        + " check a large topic in slices with --from-offsets, or give the JVM more heap (ORDERLY_JAVA_OPTS=-Xmx4g ./orderly verify ...)."})
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]", description = "The Kafka brokers.")
    String bootstrapServers;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to check.")
    String topic;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "The partition mode the topic was written with: one_partition (alias one) or hash. Default: hash when the topic"
                    + " has more than one partition, else one_partition.")
    String mode;

    @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
            description = "The format of the records' values (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--from-offsets", paramLabel = "PARTITION:OFFSET[,...]",
            description = "Where to start reading, e.g. 0:120,3:40; partitions not named start at their beginning (the default for all)."
                    + " A transaction cut by a start offset is reported torn: start at transaction boundaries.")
    String fromOffsets;

    @Option(names = "--exactly-once",
            description = "The topic was written exactly-once (sink.delivery: exactly-once): every repeated record is a violation (DUPLICATE)."
                    + " Default: at-least-once, where a replayed suffix is a notice.")
    boolean exactlyOnce;

    @Option(names = "--writer-stopped",
            description = "Nothing is writing the topic any more: a torn or missing transaction at its end is a violation, not in flight.")
    boolean writerStopped;

    @Option(names = "--json", description = "Print one JSON document on standard output: a summary, every violation and every notice.")
    boolean json;

    @Option(names = "--progress-interval", defaultValue = "5", paramLabel = "SECONDS",
            description = "How often a long read reports its progress on standard error; 0 for never (default: ${DEFAULT-VALUE}).")
    long progressIntervalSeconds;

    @Spec
    CommandSpec spec;

    private final Function<String, TopicReaderPort> readers;
    private long lastProgressNanos;

    VerifyCommand() {
        this(Orderly::topicReader);
    }

    /** @param readers a topic reader for the given bootstrap servers */
    VerifyCommand(Function<String, TopicReaderPort> readers) {
        this.readers = requireNonNull(readers, "readers is null");
    }

    @Override
    public Integer call() {
        Optional<PartitionMode> requestedMode = requestedMode();
        Map<Integer, Long> startOffsets = startOffsets();
        MessageFormatPort messageFormat = messageFormat();
        if (progressIntervalSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--progress-interval must be >= 0 seconds but got " + progressIntervalSeconds);
        }
        long started = System.nanoTime();
        lastProgressNanos = started;
        DecodedTopic decoded = new DecodedTopic(messageFormat);
        TopicExtent extent;
        try {
            extent = readers.apply(bootstrapServers).read(topic, startOffsets, decoded, this::reportProgress);
        } catch (TopicUnavailableException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("orderly verify: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        PartitionMode checkedMode = requestedMode.orElse(extent.partitionCount() > 1 ? PartitionMode.HASH : PartitionMode.ONE_PARTITION);
        VerifierSettings settings = VerifierSettings.forTopic(
                checkedMode == PartitionMode.HASH ? OrderingGuarantee.PER_KEY : OrderingGuarantee.TOTAL, extent.partitionCount());
        settings = exactlyOnce ? settings : settings.allowingReplays();
        settings = writerStopped ? settings : settings.whileWritten();
        VerificationReport report = withUnreadable(OrderVerifier.verify(decoded.records(), decoded.controls(), settings, Optional.empty()),
                decoded.unreadable());
        TopicVerification verification = new TopicVerification(extent, checkedMode, requestedMode.isEmpty(), messageFormat.identifier(),
                exactlyOnce, writerStopped, report, Duration.ofNanos(System.nanoTime() - started));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            VerificationPrinter.json(out, verification);
        } else {
            VerificationPrinter.text(out, verification);
        }
        return report.clean() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Optional<PartitionMode> requestedMode() {
        if (mode == null) {
            return Optional.empty();
        }
        return Optional.of(PartitionMode.byName(mode).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--mode must be one_partition (alias one) or hash but got '" + mode + "'; verify checks the built-in modes only")));
    }

    /** Parses {@code --from-offsets}, e.g. {@code 0:120,3:40}. */
    private Map<Integer, Long> startOffsets() {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (fromOffsets == null || fromOffsets.isBlank()) {
            return offsets;
        }
        for (String item : fromOffsets.split(",")) {
            String[] parts = item.trim().split(":");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                int partition = Integer.parseInt(parts[0].trim());
                long offset = Long.parseLong(parts[1].trim());
                if (partition < 0 || offset < 0 || offsets.put(partition, offset) != null) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--from-offsets must be PARTITION:OFFSET pairs separated by commas, each"
                        + " partition once, both numbers >= 0, e.g. 0:120,3:40, but got '" + item.trim() + "' in '" + fromOffsets + "'");
            }
        }
        return offsets;
    }

    private MessageFormatPort messageFormat() {
        try {
            return Orderly.format(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
        }
    }

    private void reportProgress(ReadProgress progress) {
        long now = System.nanoTime();
        if (progressIntervalSeconds == 0 || now - lastProgressNanos < Duration.ofSeconds(progressIntervalSeconds).toNanos()) {
            return;
        }
        lastProgressNanos = now;
        PrintWriter err = spec.commandLine().getErr();
        err.printf("orderly verify: read %,d records, %.0f%% of the offsets (%,d of %,d)%n", progress.records(), progress.fractionRead() * 100,
                progress.offsetsRead(), progress.offsetsToRead());
        err.flush();
    }

    /** The report with the records that could not be decoded among its violations, in (partition, offset) order. */
    private static VerificationReport withUnreadable(VerificationReport report, List<Violation> unreadable) {
        if (unreadable.isEmpty()) {
            return report;
        }
        List<Violation> violations = new ArrayList<>(report.violations());
        violations.addAll(unreadable);
        violations.sort(Comparator.comparingInt(Violation::partition).thenComparingLong(Violation::offset));
        return new VerificationReport(violations, report.records(), report.transactions(), report.partitionsUsed(), report.replayedRecords(),
                report.notices(), report.controlRecords());
    }
}
