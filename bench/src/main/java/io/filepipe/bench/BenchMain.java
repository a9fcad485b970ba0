package io.filepipe.bench;

import io.filepipe.bench.capacity.CapacityReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one benchmark command ({@code bench/run.sh} builds, then runs this): starts the backends,
 * the API and the local stack as child processes on loopback in a temporary directory, runs every
 * benchmark, prints the Markdown table and writes it with the JSON to {@code bench/results/}.
 *
 * <pre>java -jar bench/target/filepipe-bench.jar [--quick] [--profile] [--only PHASES] [--out DIR]</pre>
 */
public final class BenchMain {

    static final String LOG_CONFIG = "classpath:filepipe-bench-log4j2.xml";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        System.setProperty("java.awt.headless", "true");
        Path repo = repository();
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, repo);
        } catch (IllegalArgumentException e) {
            boolean help = e.getMessage().equals("help");
            if (!help) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.println(BenchOptions.USAGE);
            System.exit(help ? 0 : 2);
            return;
        }
        if (options.phases().equals(Set.of("capacity"))) {
            // the model alone: no backends, nothing measured, nothing written to bench/results
            System.out.println(CapacityReport.markdown());
            return;
        }
        long started = System.nanoTime();
        Instant now = Instant.now();
        Toolchain tools = new Toolchain(options.repo());
        Path work = Files.createTempDirectory("filepipe-bench-");
        Results results = new Results();
        double loadBefore = Machine.load();
        long buildsBefore = Machine.otherBuilds();
        Progress.step("working in " + work + (options.quick() ? " (quick run)" : ""));
        boolean ok = false;
        try {
            run(tools, options, results, work);
            ok = true;
        } finally {
            if (ok) {
                delete(work);
            } else {
                System.err.println("bench: failed; logs of every process are in " + work.resolve("logs"));
            }
        }
        long buildsAfter = Machine.otherBuilds();
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Double> loads = new ArrayList<>(Progress.loads());
        loads.sort(null);
        results.setup = new Results.Setup(now.toString(), Machine.cpuModel(), Runtime.getRuntime().availableProcessors(),
                Machine.memoryMiB(), Machine.jdk(), String.join(" ", tools.apiImage().options()),
                Machine.gitCommit(options.repo()), options.quick(), loadBefore, Machine.load(), loads.getFirst(),
                StartTimeBench.median(loads), loads.getLast(), busyNote(buildsBefore, buildsAfter),
                options.window().toMillis() / 1000.0, options.warmup().toMillis() / 1000.0);
        Goals.judge(results, seconds, buildSeconds());
        results.notes.add(String.format(Locale.ROOT, "the benchmarks took %.0f s%s", seconds,
                buildSeconds().map(b -> String.format(Locale.ROOT, " after a %.0f s build", b)).orElse("")));
        Report.write(results, options.out(), STAMP.format(now));
        System.out.println(Report.markdown(results));
        Progress.step("results in " + options.out().resolve(STAMP.format(now) + ".md") + " and .json (also latest.md/.json)");
    }

    private static void run(Toolchain tools, BenchOptions options, Results results, Path work) {
        // without the start phase, which trains the image's AOT cache: the image's flags alone (warm figures)
        JvmCommand api = tools.apiImage().withoutStartCache();
        ThroughputBench throughput = new ThroughputBench(tools, options, results, work);
        if (options.runs("start") || options.runs("memory") || options.runs("processor") || options.runs("jit")
                || options.runs("compare") || options.runs("pipeline")) {
            Progress.step("starting the in-memory backends");
            try (Backends memory = Backends.start(tools, true, null, work.resolve("logs"))) {
                if (options.runs("start")) {
                    StartTimeBench start = new StartTimeBench(tools, options, results, work);
                    api = start.runApi(memory);
                    start.runProcessor(memory);
                }
                if (options.runs("memory")) {
                    throughput.run(memory, api);
                }
                if (options.runs("processor")) {
                    new ProcessorBench(options, results).run(memory);
                }
                if (options.runs("pipeline")) {
                    new PipelineBench(options, results, work).run(memory);
                }
                if (options.runs("jit")) {
                    new SideBySideBench(options, results, work).jit(memory, tools);
                }
                if (options.runs("compare")) {
                    Toolchain base = new Toolchain(options.base());
                    new StartTimeBench(tools, options, results, work).compare(memory, base);
                    new SideBySideBench(options, results, work).compare(memory, tools, base);
                }
            }
        }
        if (options.runs("disk")) {
            Progress.step("starting the on-disk backends");
            try (Backends disk = Backends.start(tools, false, work.resolve("disk-backends"), work.resolve("logs"))) {
                throughput.run(disk, api);
            }
        }
        if (options.runs("e2e")) {
            new EndToEndBench(tools, options, results, work).run();
        }
        if (options.runs("large")) {
            new LargeUploadBench(tools, options, results, work).run(api);
        }
    }

    /** The repository this jar was built in: bench/target/filepipe-bench.jar -> the root. */
    private static Path repository() {
        try {
            Path jar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the bench jar", e);
        }
    }

    /** The build's duration, when bench/run.sh measured it ({@value BenchOptions#BUILD_SECONDS}). */
    private static Optional<Double> buildSeconds() {
        String value = System.getenv(BenchOptions.BUILD_SECONDS);
        try {
            return value == null ? Optional.empty() : Optional.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String busyNote(long before, long after) {
        if (before == 0 && after == 0) {
            return "";
        }
        return "other builds were running (" + before + " Maven/Surefire/Failsafe processes at the start, " + after
                + " at the end): numbers are lower than on a quiet machine";
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
