package io.filepipe.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How long and how much: the full run keeps under ten minutes on two cores with a build, and
 * {@code --quick} runs every benchmark briefly, as a smoke test of the command itself.
 *
 * @param window      measured time per throughput cell
 * @param settle      unmeasured time before each cell (connections, steady state)
 * @param warmup      unmeasured load before the first cell of a process (JIT, pools)
 * @param cpuUploads  uploads in the fixed-count CPU measurement
 * @param e2eUploads  uploads in the end-to-end run
 * @param e2eRate     their steady rate, per second
 * @param startRuns   starts per variant in the start-time benchmark (the median is reported)
 * @param processorFiles files per kind in the processor benchmark (1 MB JPEG, 5 MB PDF; half for 10 MB JPEG)
 * @param profile     also record a JFR profile of the API under the 64 KiB / c=16 load
 * @param phases      which benchmarks to run
 * @param repo        the checkout whose build is measured
 * @param out         where the results go
 * @param base        for {@code compare}: the checkout whose build this one is compared with
 */
record BenchOptions(boolean quick, Duration window, Duration settle, Duration warmup, int cpuUploads, int e2eUploads,
                    double e2eRate, int startRuns, int processorFiles, boolean profile, Set<String> phases, Path repo,
                    Path out, Path base) {

    /** bench/run.sh passes the duration of the build it measured in this variable, in seconds. */
    static final String BUILD_SECONDS = "FILEPIPE_BENCH_BUILD_SECONDS";

    static final List<String> DEFAULT_PHASES = List.of("start", "memory", "disk", "processor", "e2e");
    /** Phases only run when asked for with {@code --only}. */
    static final List<String> EXTRA_PHASES = List.of("jit", "compare", "large", "capacity", "pipeline");

    static final String USAGE = """
            usage: bench/run.sh [--quick] [--profile] [--only PHASE[,PHASE...]] [--out DIR] [--repo DIR] [--base REV|DIR]
              phases: start (start time), memory (throughput, CPU and RSS on in-memory backends),
                      disk (throughput on on-disk backends), processor, e2e (end to end);
                      and, only when named: jit (CPU per upload of a warm API at each payload, the
                      image's flags with and without -XX:TieredStopAtLevel=1, about five minutes),
                      compare (this build's API against the base's, start time and warm CPU side by
                      side, about five minutes; --base REV: bench/run.sh builds that git revision in a
                      temporary clone; --base DIR: a checkout with its own build), large (a 1 GiB file
                      with the upload command's presigned parts against raw S3 multipart PUTs, the
                      stack's RSS, the processor per GiB), capacity (the capacity model's tables for
                      AWS, computed, nothing measured; alone it starts no backends and writes nothing
                      to bench/results), pipeline (the model's pipe formulas against the local
                      PipeRunner and WorkflowRunner)
              --repo: measure the API, processor and local stack built in another checkout
                      (its */target and Dockerfiles), e.g. to compare a change with its base""";

    static BenchOptions parse(String[] args, Path ownRepo) {
        Path repo = ownRepo;
        boolean quick = false;
        boolean profile = false;
        Path base = null;
        Set<String> phases = new LinkedHashSet<>(DEFAULT_PHASES);
        Path out = ownRepo.resolve("bench/results");
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.removeFirst();
            switch (flag) {
                case "--help" -> throw new IllegalArgumentException("help");
                case "--quick" -> quick = true;
                case "--profile" -> profile = true;
                case "--out" -> out = Path.of(value(flag, rest)).toAbsolutePath();
                case "--repo" -> repo = Path.of(value(flag, rest)).toAbsolutePath().normalize();
                case "--base" -> base = Path.of(value(flag, rest)).toAbsolutePath().normalize();
                case "--only" -> {
                    phases = new LinkedHashSet<>(List.of(value(flag, rest).split(",")));
                    List<String> known = new ArrayList<>(DEFAULT_PHASES);
                    known.addAll(EXTRA_PHASES);
                    if (!known.containsAll(phases)) {
                        throw new IllegalArgumentException("--only takes some of " + known);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        if (phases.contains("compare") && base == null) {
            throw new IllegalArgumentException("compare needs --base REV (bench/run.sh builds it) or DIR (a checkout with its own build)");
        }
        if (quick) {
            return new BenchOptions(true, Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofSeconds(2), 300,
                    60, 20, 3, 2, profile, phases, repo, out, base);
        }
        return new BenchOptions(false, Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(5), 1000,
                500, 20, 10, 10, profile, phases, repo, out, base);
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.removeFirst();
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }
}
