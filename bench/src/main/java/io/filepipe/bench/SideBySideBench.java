package io.filepipe.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Two or more API processes on the same backends, each warmed up, then loaded in alternating short
 * slices, so that whatever else the machine does weighs on all of them alike: the way to compare
 * CPU per upload on a shared machine, where two runs minutes apart differ more than the change
 * being measured. Two uses, both outside the default run ({@code --only}):
 * <ul>
 *   <li>{@code jit}: the image's flags with and without {@code -XX:TieredStopAtLevel=1};</li>
 *   <li>{@code compare}: this build against the build in another checkout ({@code --base DIR}).</li>
 * </ul>
 */
final class SideBySideBench {

    private static final Duration SETTLE = Duration.ofMillis(200);

    /** One of the processes compared: a build and the JVM options it runs with. */
    record Contender(String name, Toolchain tools, JvmCommand command) {
    }

    private final BenchOptions options;
    private final Results results;
    private final Path work;

    SideBySideBench(BenchOptions options, Results results, Path work) {
        this.options = options;
        this.results = results;
        this.work = work;
    }

    /** The image's flags with {@code -XX:TieredStopAtLevel=1} (C1 only) against without it (C1 and C2). */
    void jit(Backends backends, Toolchain tools) {
        JvmCommand image = tools.apiImage().withoutStartCache();
        JvmCommand tiered = image.tiered();
        run("jit", backends, List.of(new Contender("C1 only (" + JvmCommand.C1_ONLY + ")", tools, tiered.plus(JvmCommand.C1_ONLY)),
                new Contender("C1 + C2", tools, tiered)),
                ThroughputBench.PAYLOADS, List.of(ThroughputBench.PROFILED_CONCURRENCY), Duration.ofSeconds(options.quick() ? 5 : 30));
    }

    /**
     * The base build's API against this one's, both with the image's flags, at c=1 (one request at a
     * time, as a Lambda instance serves them: the goals' latency and CPU) and at c=16.
     */
    void compare(Backends backends, Toolchain tools, Toolchain base) {
        run("compare", backends, List.of(
                new Contender("base (" + Machine.gitCommit(base.repo()) + ")", base, base.apiImage().withoutStartCache()),
                new Contender("this build", tools, tools.apiImage().withoutStartCache())),
                ThroughputBench.PAYLOADS, List.of(1, ThroughputBench.PROFILED_CONCURRENCY),
                Duration.ofSeconds(options.quick() ? 3 : 10));
    }

    private void run(String comparison, Backends backends, List<Contender> contenders, List<Integer> payloads,
                     List<Integer> concurrencies, Duration warmup) {
        int rounds = options.quick() ? 3 : 10;
        Duration slice = options.quick() ? Duration.ofMillis(700) : Duration.ofMillis(1500);
        String[] tokens = ThroughputBench.tokens(backends);
        List<ApiProcess> apis = new ArrayList<>();
        try {
            for (Contender contender : contenders) {
                Progress.step(comparison + ": starting " + contender.name());
                apis.add(ApiProcess.start(contender.tools(), contender.command(), backends.apiEnvironment(), work,
                        work.resolve("logs/api-" + comparison + "-" + apis.size() + ".log"), Duration.ofSeconds(60)));
            }
            for (int payload : payloads) {
                List<IntFunction<ClosedLoop.Operation>> loads = new ArrayList<>();
                for (ApiProcess api : apis) {
                    loads.add(ThroughputBench.uploads(api.address(), ThroughputBench.payload(payload, api.address(), tokens)));
                }
                for (int i = 0; i < apis.size(); i++) {
                    Progress.step(comparison + ": warming up " + contenders.get(i).name() + " with " + Report.size(payload));
                    ClosedLoop.forDuration(ThroughputBench.PROFILED_CONCURRENCY, loads.get(i), Duration.ZERO, warmup,
                            ClosedLoop.Meter.NONE);
                    backends.clearUploads();
                }
                for (int concurrency : concurrencies) {
                    alternate(comparison, backends, contenders, apis, loads, payload, concurrency, rounds, slice, warmup);
                }
            }
        } finally {
            apis.forEach(ApiProcess::close);
        }
    }

    /** Loads each warm API in turn, {@code rounds} times, and records its uploads and CPU per upload. */
    private void alternate(String comparison, Backends backends, List<Contender> contenders, List<ApiProcess> apis,
                           List<IntFunction<ClosedLoop.Operation>> loads, int payload, int concurrency, int rounds,
                           Duration slice, Duration warmup) {
        Progress.step(comparison + ": " + Report.size(payload) + " c=" + concurrency + ", " + rounds
                + " rounds of alternating " + slice.toMillis() + " ms slices");
        double[] cpu = new double[apis.size()];
        long[] uploads = new long[apis.size()];
        double[] seconds = new double[apis.size()];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < apis.size(); i++) {
                CpuMeter meter = new CpuMeter(apis.get(i).process(), null);
                ClosedLoop.Result result = ClosedLoop.forDuration(concurrency, loads.get(i), SETTLE, slice, meter);
                cpu[i] += meter.millis();
                uploads[i] += result.completed();
                seconds[i] += result.seconds();
            }
            backends.clearUploads();
        }
        for (int i = 0; i < apis.size(); i++) {
            results.sideBySide.add(new Results.SideBySide(comparison, contenders.get(i).name(),
                    String.join(" ", contenders.get(i).command().options()), payload, concurrency,
                    warmup.toSeconds(), uploads[i], uploads[i] / seconds[i], cpu[i] / uploads[i]));
        }
    }
}
