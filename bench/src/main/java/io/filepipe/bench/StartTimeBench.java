package io.filepipe.bench;

import io.filepipe.core.FileRecord;
import io.filepipe.core.KeyScheme;
import io.filepipe.testsupport.lambda.FakeLambdaRuntime;
import io.filepipe.testsupport.lambda.ProcessorTraining;
import io.filepipe.testsupport.lambda.RuntimeClientNativeLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Start time, median of N fresh processes per variant. The API: from the fork to the first 200 on
 * {@code /health}, and to the first 201 of an upload sent right after it. The processor: the
 * image's RIC command line against a fake Runtime API, from the fork to its first {@code /next}
 * (init done) and to the response of its first invocation (a small JPEG, thumbnails and all).
 * Variants: JVM defaults, the image's flags, the image's command with its JDK 25 AOT cache (JEP
 * 483/514), on both CPUs and pinned to one, and with C1 only. Each cache comes from one training
 * run, with the options the Dockerfile's training step adds, exercising what it exercises.
 */
final class StartTimeBench {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Toolchain tools;
    private final BenchOptions options;
    private final Results results;
    private final Path work;

    StartTimeBench(Toolchain tools, BenchOptions options, Results results, Path work) {
        this.tools = tools;
        this.options = options;
        this.results = results;
        this.work = work.resolve("start");
    }

    /** A way to start, and the command of its training run if it needs one. */
    private record Variant(String name, JvmCommand command, JvmCommand training, Path produces, String note) {
        void checkTrained() {
            if (produces != null && !Files.exists(produces)) {
                throw new IllegalStateException("the training run for '" + name + "' did not write " + produces);
            }
        }
    }

    /** Runs the API variants and returns the command of the image with its AOT cache, for the throughput runs. */
    JvmCommand runApi(Backends backends) {
        JvmCommand image = tools.apiImage();
        JvmCommand.Trained trained = image.trained(work, "api", tools.apiTrainingOptions());
        JvmCommand cached = trained.command();
        String training = "cache from one training run of the request path (health, refused and stored uploads), as in Dockerfile.api";
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("java -jar, JVM defaults", image.withoutOptions(), null, null, ""),
                new Variant("image flags, no start cache", image.withoutStartCache(), null, null,
                        String.join(" ", image.withoutStartCache().options())),
                new Variant(IMAGE_COMMAND, cached, trained.training(), trained.produces(), training),
                new Variant(IMAGE_COMMAND + ", one CPU", cached.onOneCpu(), null, trained.produces(),
                        "taskset -c 0, as a function with 1 GiB or less has about one vCPU")));
        if (!image.c1Only()) {
            variants.add(new Variant("image command with " + JvmCommand.C1_ONLY + " (C1 only)", cached.plus(JvmCommand.C1_ONLY),
                    null, trained.produces(), "the JIT trade-off at start: C2 makes a warm upload cheaper (--only jit)"));
            variants.add(new Variant("image command with " + JvmCommand.C1_ONLY + " (C1 only), one CPU",
                    cached.plus(JvmCommand.C1_ONLY).onOneCpu(), null, trained.produces(), "taskset -c 0"));
        }
        String token = backends.token("start-time");
        for (Variant variant : variants) {
            trainOnce("start time, API", variant, backends);
            Progress.step("start time, API: " + variant.name() + " x " + options.startRuns());
            List<double[]> runs = new ArrayList<>();
            Set<String> warnings = new TreeSet<>();
            for (int i = 0; i < options.startRuns(); i++) {
                runs.add(apiRun(variant.command(), backends, token));
                archiveWarning(work.resolve("logs/api-start.log")).ifPresent(warnings::add);
            }
            results.startTime.add(summary("upload-api", variant, runs, "first 200 on /health",
                    "first 201 on POST /upload (1 KiB)", warnings));
        }
        backends.clearUploads();
        return cached;
    }

    /** The variant whose start the goals judge: the image's command line with its AOT cache. */
    static final String IMAGE_COMMAND = "image command (flags + start cache)";

    /**
     * base against this build, both as their images start (their own Dockerfiles' flags and start
     * caches, each trained once), in alternating fresh processes so that the machine's other work
     * weighs on both alike; on both CPUs and pinned to one.
     */
    void compare(Backends backends, Toolchain base) {
        List<Variant> variants = new ArrayList<>();
        for (Toolchain build : List.of(base, tools)) {
            String name = build == base ? "base (" + Machine.gitCommit(base.repo()) + ")" : "this build";
            JvmCommand image = build.apiImage();
            JvmCommand.Trained trained = image.trained(work, build == base ? "base-api" : "api", build.apiTrainingOptions());
            variants.add(new Variant(name + ": image command", trained.command(), trained.training(), trained.produces(),
                    String.join(" ", trained.command().options())));
            variants.add(new Variant(name + ": image command, one CPU", trained.command().onOneCpu(), null,
                    trained.produces(), "taskset -c 0"));
        }
        String token = backends.token("start-time");
        for (Variant variant : variants) {
            trainOnce("compare, start time", variant, backends);
        }
        List<List<double[]>> runs = new ArrayList<>();
        variants.forEach(v -> runs.add(new ArrayList<>()));
        Progress.step("compare, start time: " + variants.size() + " variants, alternating, x " + options.startRuns());
        for (int i = 0; i < options.startRuns(); i++) {
            for (int v = 0; v < variants.size(); v++) {
                runs.get(v).add(apiRun(variants.get(v).command(), backends, token));
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            results.startTime.add(summary("upload-api", variants.get(v), runs.get(v), "first 200 on /health",
                    "first 201 on POST /upload (1 KiB)", Set.of()));
        }
        backends.clearUploads();
    }

    /** The variant's training run, if it has one, and the check that its cache or archive is there. */
    private void trainOnce(String phase, Variant variant, Backends backends) {
        if (variant.training() != null) {
            Progress.step(phase + ": training run for " + variant.name());
            train(variant.training(), backends);
        }
        variant.checkTrained();
    }

    /**
     * A training run as the Dockerfile's: readiness, an upload without a token (401), stored
     * uploads of 1 and 64 KiB and a read of each, then SIGTERM, on which the JVM writes its cache or
     * archive.
     */
    private void train(JvmCommand command, Backends backends) {
        String token = backends.token("training");
        try (ApiProcess api = ApiProcess.start(tools, command, backends.apiEnvironment(), work,
                work.resolve("logs/api-training.log"), READY_TIMEOUT)) {
            InetSocketAddress address = api.address();
            try (HttpConnection refused = new HttpConnection(address)) {
                expect(refused.exchange(Requests.upload(address, "none", Requests.uploadBody("t.bin", new byte[1])), false)
                        .status(), 401, api);
            }
            try (HttpConnection connection = new HttpConnection(address)) {
                for (int i = 0; i < 20; i++) {
                for (int size : List.of(1024, 64 * 1024)) {
                    byte[] body = Requests.uploadBody("training.bin", Requests.randomBytes(size, i));
                        expect(connection.exchange(Requests.upload(address, token, body), false).status(), 201, api);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the API closed the connection", e);
        }
    }

    private static void expect(int status, int expected, ApiProcess api) {
        if (status != expected) {
            throw new IllegalStateException("the training run's request answered " + status + ", expected " + expected
                    + "; see " + api.process().log());
        }
    }

    /** One fresh API: milliseconds to healthy and to the first stored upload; killed, not stopped. */
    private double[] apiRun(JvmCommand command, Backends backends, String token) {
        try (ApiProcess api = ApiProcess.start(tools, command, backends.apiEnvironment(), work,
                work.resolve("logs/api-start.log"), READY_TIMEOUT)) {
            InetSocketAddress address = api.address();
            byte[] body = Requests.uploadBody("start.bin", Requests.randomBytes(1024, 7));
            try (HttpConnection connection = new HttpConnection(address)) {
                expect(connection.exchange(Requests.upload(address, token, body), false).status(), 201, api);
            }
            long uploaded = System.nanoTime();
            api.process().kill(); // a timed run: its shutdown is not part of the measure
            return new double[] {api.millisToHealthy(), (uploaded - api.process().launchedNanos()) / 1e6};
        } catch (IOException e) {
            throw new UncheckedIOException("the API closed the connection", e);
        }
    }

    void runProcessor(Backends backends) {
        Path library = RuntimeClientNativeLibrary.extract(tools.repo().resolve("stream-processor/target/dependency"),
                work.resolve("libaws-lambda-jni.so"));
        JvmCommand image = tools.processorImage().plus(RuntimeClientNativeLibrary.jvmOption(library));
        JvmCommand.Trained trained = image.trained(work, "processor", tools.processorTrainingOptions());
        JvmCommand flags = image.withoutStartCache();
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("image flags, no start cache", flags, null, null,
                        String.join(" ", tools.processorImage().withoutStartCache().options())),
                new Variant(IMAGE_COMMAND, trained.command(), null, trained.produces(),
                        "cache from a training run that answers a JPEG and a text file, as in Dockerfile.processor"),
                new Variant(IMAGE_COMMAND + ", one CPU", trained.command().onOneCpu(), null, trained.produces(),
                        "taskset -c 0")));
        Progress.step("start time, processor: the image's training run (two invocations)");
        processorTraining(trained.training());
        byte[] jpeg = SampleFiles.smallJpeg();
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            for (Variant variant : variants) {
                variant.checkTrained();
                Progress.step("start time, processor: " + variant.name() + " x " + options.startRuns());
                List<double[]> runs = new ArrayList<>();
                Set<String> warnings = new TreeSet<>();
                for (int i = 0; i < options.startRuns(); i++) {
                    runs.add(processorRun(variant.command(), backends, runtime, jpeg));
                    archiveWarning(work.resolve("logs/processor-start.log")).ifPresent(warnings::add);
                }
                results.startTime.add(summary("stream-processor", variant, runs, "first GET /next (init done)",
                        "first invocation answered (640x480 JPEG)", warnings));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fake Runtime API failed", e);
        }
        backends.clearUploads();
    }

    /**
     * Dockerfile.processor's training run: test-support's {@link ProcessorTraining} plays Lambda (its
     * own backends in memory, a JPEG and a text file PENDING, a fake Runtime API with one invocation
     * of each); the runtime client answers both and exits when that Runtime API closes, and its JVM
     * writes the AOT cache.
     */
    private void processorTraining(JvmCommand command) {
        List<String> lambdaSide = new ArrayList<>(tools.benchJava());
        lambdaSide.add(ProcessorTraining.class.getName());
        Path lambdaLog = work.resolve("logs/processor-training-lambda.log");
        try (ChildProcess lambda = ChildProcess.start("processor-training-lambda", lambdaSide, Map.of(), work, lambdaLog)) {
            lambda.awaitLine(line -> line.startsWith("export AWS_LAMBDA_RUNTIME_API="), READY_TIMEOUT);
            Map<String, String> env = new HashMap<>();
            for (String line : Files.readAllLines(lambdaLog)) {
                if (line.startsWith("export ")) {
                    for (String pair : line.substring("export ".length()).split(" ")) {
                        String[] kv = pair.split("=", 2);
                        env.put(kv[0], kv[1]);
                    }
                }
            }
            try (ChildProcess function = ChildProcess.start("stream-processor-training", command.toList(tools.java()), env,
                    taskRoot(), work.resolve("logs/processor-training.log"))) {
                if (lambda.awaitExit(READY_TIMEOUT.multipliedBy(2)) != 0) {
                    throw new IllegalStateException("the processor's training invocations were not answered PROCESSED; see "
                            + lambdaLog + " and " + function.log());
                }
                function.awaitExit(READY_TIMEOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> processorEnvironment(Backends backends, String runtimeApi) {
        Map<String, String> env = new HashMap<>(backends.processorEnvironment());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "filepipe-processor");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        return env;
    }

    /** An empty working directory: the runtime client also loads {@code <cwd>/lib/*.jar}. */
    private Path taskRoot() {
        Path taskRoot = work.resolve("task");
        try {
            Files.createDirectories(taskRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return taskRoot;
    }

    /** One fresh runtime client process: milliseconds to its first /next and to its first answer. */
    private double[] processorRun(JvmCommand command, Backends backends, FakeLambdaRuntime runtime, byte[] jpeg) {
        FileRecord record = backends.storePending("start-time", "start.jpg", jpeg);
        FakeLambdaRuntime.Invocation invocation = runtime.invoke("{\"pk\":\"" + KeyScheme.partitionKey(record.userId())
                + "\",\"sk\":\"" + KeyScheme.fileSortKey(record.fileId()) + "\"}");
        try (ChildProcess child = ChildProcess.start("stream-processor", command.toList(tools.java()),
                processorEnvironment(backends, runtime.address()), taskRoot(), work.resolve("logs/processor-start.log"))) {
            FakeLambdaRuntime.Reply reply = invocation.awaitReply(READY_TIMEOUT);
            if (reply.kind() != FakeLambdaRuntime.Reply.Kind.RESPONSE || !reply.body().contains("\"PROCESSED\"")) {
                throw new IllegalStateException("first invocation answered " + reply);
            }
            child.kill(); // a timed run: its shutdown is not part of the measure
            return new double[] {
                    (invocation.polledNanos() - child.launchedNanos()) / 1e6,
                    (invocation.repliedNanos() - child.launchedNanos()) / 1e6};
        } catch (TimeoutException e) {
            throw new IllegalStateException("the processor did not answer within " + READY_TIMEOUT + "; see "
                    + work.resolve("logs/processor-start.log"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("the fake Runtime API failed: " + e.getMessage(), e);
        } finally {
            // the client asks /next again right after answering: that poll must not take the next run's invocation
            runtime.releaseWaitingPolls();
        }
    }

    /**
     * A JVM warning that a class archive or AOT cache could not be used, from a run's log, without
     * its uptime prefix. JDK 25's notes about AOT code stubs it regenerates are not such a warning.
     */
    private static Optional<String> archiveWarning(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> (l.contains("[warning][cds") || l.contains("[error][cds") || l.contains("[warning][aot")
                            || l.contains("[error][aot")) && !l.contains("codecache"))
                    .map(l -> l.replaceFirst("^\\[[0-9.]+s\\]", "").strip())
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Results.StartTime summary(String process, Variant variant, List<double[]> runs, String readyMeans,
                                             String firstWorkMeans, Set<String> warnings) {
        List<Double> ready = runs.stream().map(r -> r[0]).toList();
        List<Double> work = runs.stream().map(r -> r[1]).toList();
        return new Results.StartTime(process, variant.name(), runs.size(), median(ready), min(ready), max(ready),
                median(work), min(work), max(work), readyMeans, firstWorkMeans,
                warnings.isEmpty() ? variant.note() : variant.note() + "; JVM warned: " + String.join(" / ", warnings));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
