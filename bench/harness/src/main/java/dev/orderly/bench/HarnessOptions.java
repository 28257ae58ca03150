package dev.orderly.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param output where the results go
 * @param workDirectory where servers, state and logs live during the run; null for a fresh temporary one
 * @param keepWork whether to keep the work directory afterwards
 */
record HarnessOptions(long rows, int rowsPerTransaction, int noteBytes, long bigRows, int bigNoteBytes, int repetitions, int bigRepetitions,
                      List<Contender> contenders, int partitions, String heap, boolean jfr, Path output, Path workDirectory, boolean keepWork) {

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
                "--big-repetitions", "--contenders", "--partitions", "--heap", "--jfr", "--output", "--work", "--keep-work", "--help");
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
                (int) number(values, "--rows-per-transaction", 1_000),
                (int) number(values, "--note-bytes", 100),
                number(values, "--big-rows", 100_000),
                (int) number(values, "--big-note-bytes", 4_000),
                (int) number(values, "--repetitions", 2),
                (int) number(values, "--big-repetitions", 2),
                Contender.parse(values.getOrDefault("--contenders", "all")),
                (int) number(values, "--partitions", 8),
                values.getOrDefault("--heap", "1g"),
                values.containsKey("--jfr"),
                Path.of(values.getOrDefault("--output", "bench/harness/target/bench-results")).toAbsolutePath(),
                values.containsKey("--work") ? Path.of(values.get("--work")).toAbsolutePath() : null,
                values.containsKey("--keep-work"));
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
