package dev.orderly.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The harness's command line. Every option has a default that keeps one run of {@code bench/run}
 * under 20 minutes on a 2-core machine (see docs/BENCHMARKS.md).
 *
 * @param rows rows of the small-row backlog
 * @param rowsPerTransaction rows per source transaction (one multi-row INSERT each)
 * @param noteBytes length of the note column of the small rows
 * @param bigRows rows of the large-row backlog; 0 skips it
 * @param bigNoteBytes length of the note column of the large rows (about the row's size)
 * @param repetitions repetitions of every contender on the small-row backlog (runs interleave)
 * @param bigRepetitions repetitions on the large-row backlog
 * @param contenders the contenders to run
 * @param partitions N, the partition count of the spread contenders
 * @param heap the maximum heap of every contender's JVM ({@code -Xmx})
 * @param jfr whether to take one JFR recording of orderly hash at-least-once after the small-row runs
 * @param latencyContenders the contenders of the latency runs (after the small-row runs), some of {@link LatencyRun#ALLOWED}; empty skips them
 * @param latencyRate rows a second of the latency runs' load; 0 for a quarter of orderly hash's median steady rate on the small rows
 * @param latencyRowsPerTransaction rows of each transaction of that load
 * @param latencyWarmupSeconds seconds of load before the measured window
 * @param latencySeconds seconds of the measured window
 * @param hugeRows rows of the one huge transaction (after the latency runs); 0 skips it
 * @param hugeHeap the maximum heap of the orderly JVMs that drain the huge transaction
 * @param output where the results go
 * @param workDirectory where servers, state and logs live during the run; null for a fresh temporary one
 * @param keepWork whether to keep the work directory afterwards
 */
record HarnessOptions(long rows, int rowsPerTransaction, int noteBytes, long bigRows, int bigNoteBytes, int repetitions, int bigRepetitions,
                      List<Contender> contenders, int partitions, String heap, boolean jfr, List<Contender> latencyContenders, long latencyRate,
                      int latencyRowsPerTransaction, int latencyWarmupSeconds, int latencySeconds, long hugeRows, String hugeHeap, Path output,
                      Path workDirectory, boolean keepWork) {

    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final long MAX_LATENCY_ROWS = 100_000_000;

    static final String USAGE = String.join("\n",
            "usage: bench/run [options]",
            "  --rows N                  rows of the small-row backlog (default 1000000)",
            "  --rows-per-transaction N  rows per source transaction (default 1000)",
            "  --note-bytes N            note length of a small row (default 100)",
            "  --big-rows N              rows of the ~4 KB-row backlog, 0 to skip it (default 100000)",
            "  --big-note-bytes N        note length of a large row (default 4000)",
            "  --repetitions N           repetitions per contender on the small rows (default 2; 3 do not fit in 20 minutes on 2 cores)",
            "  --big-repetitions N       repetitions per contender on the large rows (default 2)",
            "  --contenders LIST         all, or some of dbz,p1,pN,one,hash,one-eos,hash-eos,peer1,peerN (default all)",
            "  --partitions N            partitions of the spread contenders (default 8)",
            "  --heap SIZE               -Xmx of every contender's JVM (default 1g)",
            "  --jfr                     one more run of orderly hash at-least-once with a JFR recording, and its hot methods",
            "  After the small-row runs, on the same servers:",
            "  --latency-contenders LIST latency runs of some of one,hash,peer1,peerN, or none (default one,hash,peer1,peerN); each starts at",
            "                            the current end of the binlog, then a fixed-rate load; commit-to-append p50/p99/p99.9",
            "  --latency-rate N|auto     rows/s of the load (default auto: a quarter of orderly hash's median steady rows/s draining the small",
            "                            rows, rounded down to a multiple of 1000, about half of what it sustains beside the writes; 10000",
            "                            when that was not measured)",
            "  --latency-rows-per-transaction N  rows per transaction of the load, one INSERT each (default 10)",
            "  --latency-warmup-seconds N  seconds of load not measured: the contender's JIT warm-up and catch-up after its start (default 15)",
            "  --latency-seconds N       seconds of load measured (default 15)",
            "  --huge-rows N             rows of one transaction drained by orderly one and hash-eos with --huge-heap, 0 to skip (default 1000000)",
            "  --huge-heap SIZE          -Xmx of those two runs (default 256m)",
            "  --output DIR              results directory (default bench/harness/target/bench-results)",
            "  --work DIR                work directory for servers, state and logs (default a new one under /tmp)",
            "  --keep-work               keep the work directory",
            "");

    HarnessOptions {
        contenders = List.copyOf(contenders);
        if (rows % rowsPerTransaction != 0 || bigRows % rowsPerTransaction != 0) {
            throw new IllegalArgumentException("--rows (" + rows + ") and --big-rows (" + bigRows + ") must be multiples of --rows-per-transaction ("
                    + rowsPerTransaction + ")");
        }
        if (rows < rowsPerTransaction) {
            throw new IllegalArgumentException("--rows must be >= --rows-per-transaction but got " + rows);
        }
        if (repetitions < 1 || bigRepetitions < 1) {
            throw new IllegalArgumentException("--repetitions and --big-repetitions must be >= 1 but got " + repetitions + " and " + bigRepetitions);
        }
        if (partitions < 2) {
            throw new IllegalArgumentException("--partitions must be >= 2 but got " + partitions);
        }
        latencyContenders = List.copyOf(latencyContenders);
        for (Contender contender : latencyContenders) {
            if (!LatencyRun.ALLOWED.contains(contender)) {
                throw new IllegalArgumentException("--latency-contenders takes some of " + ids(LatencyRun.ALLOWED) + " (or none) but got '"
                        + contender.id() + "'");
            }
        }
        if (latencyRowsPerTransaction < 1 || latencyRowsPerTransaction > 1_000) {
            throw new IllegalArgumentException("--latency-rows-per-transaction must be in [1, 1000] but got " + latencyRowsPerTransaction);
        }
        if (latencySeconds < 1) {
            throw new IllegalArgumentException("--latency-seconds must be >= 1 but got " + latencySeconds);
        }
        long latencyRows = Math.max(latencyRate, LatencyRun.FALLBACK_RATE) * (latencyWarmupSeconds + (long) latencySeconds);
        if (latencyRows > MAX_LATENCY_ROWS) {
            throw new IllegalArgumentException("the latency load would write " + latencyRows + " rows, more than " + MAX_LATENCY_ROWS
                    + ": lower --latency-rate (" + latencyRate + "), --latency-warmup-seconds (" + latencyWarmupSeconds + ") or --latency-seconds ("
                    + latencySeconds + ")");
        }
        if (latencyRate > 0 && latencyRate * latencySeconds < latencyRowsPerTransaction) {
            throw new IllegalArgumentException("--latency-rate " + latencyRate + " writes no transaction of " + latencyRowsPerTransaction
                    + " rows in --latency-seconds " + latencySeconds);
        }
        if (hugeRows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--huge-rows must be at most " + Integer.MAX_VALUE + " but got " + hugeRows);
        }
        for (String[] size : new String[][] {{"--heap", heap}, {"--huge-heap", hugeHeap}}) {
            if (!HEAP_SIZE.matcher(size[1]).matches()) {
                throw new IllegalArgumentException(size[0] + " must be a heap size such as 1g or 256m but got '" + size[1] + "'");
            }
        }
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        workloads.add(new Workload("small", (int) (rows / rowsPerTransaction), rowsPerTransaction, noteBytes));
        if (bigRows > 0) {
            workloads.add(new Workload("4kb", (int) (bigRows / rowsPerTransaction), rowsPerTransaction, bigNoteBytes));
        }
        return workloads;
    }

    int repetitions(Workload workload) {
        return workload.name().equals("small") ? repetitions : bigRepetitions;
    }

    /**
     * @throws IllegalArgumentException naming the option that is unknown, lacks its value or has a bad one
     */
    static HarnessOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> flags = List.of("--jfr", "--keep-work", "--help");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (flags.contains(arg)) {
                values.put(arg, "true");
            } else if (arg.startsWith("--") && arg.contains("=")) {
                values.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                values.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
        }
        List<String> known = List.of("--rows", "--rows-per-transaction", "--note-bytes", "--big-rows", "--big-note-bytes", "--repetitions",
                "--big-repetitions", "--contenders", "--partitions", "--heap", "--jfr", "--latency-contenders", "--latency-rate",
                "--latency-rows-per-transaction", "--latency-warmup-seconds", "--latency-seconds", "--huge-rows", "--huge-heap", "--output", "--work",
                "--keep-work", "--help");
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "'\n" + USAGE);
            }
        }
        if (values.containsKey("--help")) {
            throw new IllegalArgumentException(USAGE);
        }
        return new HarnessOptions(
                number(values, "--rows", 1_000_000),
                integer(values, "--rows-per-transaction", 1_000),
                integer(values, "--note-bytes", 100),
                number(values, "--big-rows", 100_000),
                integer(values, "--big-note-bytes", 4_000),
                integer(values, "--repetitions", 2),
                integer(values, "--big-repetitions", 2),
                Contender.parse(values.getOrDefault("--contenders", "all")),
                integer(values, "--partitions", 8),
                values.getOrDefault("--heap", "1g"),
                values.containsKey("--jfr"),
                latencyContenders(values.getOrDefault("--latency-contenders", ids(LatencyRun.ALLOWED))),
                latencyRate(values.getOrDefault("--latency-rate", "auto")),
                integer(values, "--latency-rows-per-transaction", 10),
                integer(values, "--latency-warmup-seconds", 15),
                integer(values, "--latency-seconds", 15),
                number(values, "--huge-rows", 1_000_000),
                values.getOrDefault("--huge-heap", "256m"),
                Path.of(values.getOrDefault("--output", "bench/harness/target/bench-results")).toAbsolutePath(),
                values.containsKey("--work") ? Path.of(values.get("--work")).toAbsolutePath() : null,
                values.containsKey("--keep-work"));
    }

    private static List<Contender> latencyContenders(String ids) {
        return ids.equals("none") ? List.of() : Contender.parse(ids);
    }

    /** 0 for auto. */
    private static long latencyRate(String value) {
        if (value.equals("auto")) {
            return 0;
        }
        long rate = number(Map.of("--latency-rate", value), "--latency-rate", 0);
        if (rate < 1) {
            throw new IllegalArgumentException("--latency-rate must be auto or a whole number >= 1 but got '" + value + "'");
        }
        return rate;
    }

    private static String ids(List<Contender> contenders) {
        return contenders.stream().map(Contender::id).collect(Collectors.joining(","));
    }

    private static int integer(Map<String, String> values, String key, int defaultValue) {
        long value = number(values, key, defaultValue);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be at most " + Integer.MAX_VALUE + " but got '" + values.get(key) + "'");
        }
        return (int) value;
    }

    private static long number(Map<String, String> values, String key, long defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number >= 0 but got '" + value + "'");
        }
    }
}
