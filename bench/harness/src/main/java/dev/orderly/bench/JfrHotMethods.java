package dev.orderly.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What JDK 17's {@code jfr} tool cannot tell yet ({@code jfr view hot-methods} came with JDK 21): the
 * hottest methods of a recording (top frames of {@code jdk.ExecutionSample}), the hottest package
 * methods anywhere on the sampled stacks, the sampled threads, the innermost orderly class of each
 * sample (which part of orderly the time goes to, "no orderly frame" being Debezium, the binlog
 * client and the producer's own threads), and the top allocation sites
 * ({@code jdk.ObjectAllocationSample}, weighted by bytes).
 */
final class JfrHotMethods {

    private JfrHotMethods() {
    }

    static String analyze(Path recording, int top) throws IOException {
        Map<String, Long> topFrames = new HashMap<>();
        Map<String, Long> onStack = new HashMap<>();
        Map<String, Long> allocationSites = new HashMap<>();
        Map<String, Long> allocatedClasses = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> orderlyClasses = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                RecordedStackTrace stack = event.getStackTrace();
                if (type.equals("jdk.ExecutionSample") && stack != null && !stack.getFrames().isEmpty()) {
                    samples++;
                    topFrames.merge(frame(stack.getFrames().get(0)), 1L, Long::sum);
                    stack.getFrames().stream().map(JfrHotMethods::frame).distinct().forEach(method -> onStack.merge(method, 1L, Long::sum));
                    orderlyClasses.merge(stack.getFrames().stream().map(f -> f.getMethod().getType().getName()).filter(t -> t.startsWith("dev.orderly."))
                            .map(t -> t.contains("$") ? t.substring(0, t.indexOf('$')) : t).findFirst().orElse("(no orderly frame)"), 1L, Long::sum);
                    if (event.getThread("sampledThread") != null) {
                        String thread = event.getThread("sampledThread").getJavaName();
                        threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "#"), 1L, Long::sum);
                    }
                } else if (type.equals("jdk.ObjectAllocationSample") && stack != null) {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    allocationSites.merge(firstApplicationFrame(stack.getFrames()), weight, Long::sum);
                    allocatedClasses.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                }
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format("JFR %s: %,d execution samples, %,d MB allocation weight%n", recording, samples, allocated >> 20));
        text.append(section("top frames (self time)", topFrames, samples, top));
        text.append(section("methods on the sampled stacks (total time)", onStack, samples, top));
        text.append(section("sampled threads", threads, samples, top));
        text.append(section("innermost orderly class on the sampled stack", orderlyClasses, samples, top));
        text.append(section("allocation sites (first frame outside the JDK and Jackson, by weight)", allocationSites, allocated, top));
        text.append(section("allocated classes (by weight)", allocatedClasses, allocated, top));
        return text.toString();
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String firstApplicationFrame(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.") && !type.startsWith("com.fasterxml.")) {
                return frame(frame);
            }
        }
        return frames.isEmpty() ? "?" : frame(frames.get(0));
    }

    private static String section(String title, Map<String, Long> counts, long total, int top) {
        return "\n" + title + ":\n" + counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(entry -> String.format("  %5.1f%%  %s", 100.0 * entry.getValue() / Math.max(1, total), entry.getKey()))
                .collect(Collectors.joining("\n")) + "\n";
    }
}
