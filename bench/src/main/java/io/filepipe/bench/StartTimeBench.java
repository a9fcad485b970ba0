package io.filepipe.bench;

import io.filepipe.core.FileRecord;
import io.filepipe.core.KeyScheme;
import io.filepipe.testsupport.lambda.FakeLambdaRuntime;
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
 * Variants: JVM defaults, the image's flags, the image's AppCDS archive, and a JDK 25 AOT cache
 * (JEP 483/514/515) when the bench runs on JDK 25 or newer. Archives and caches come from one
 * training run each, done the way the Dockerfiles' training steps do it.
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

    /** Runs the API variants and returns the AppCDS archive the image's command uses, for the throughput runs. */
    JvmCommand runApi(Backends backends) {
        JvmCommand image = tools.apiImage();
        Path archive = work.resolve("api.jsa");
        Path tieredArchive = work.resolve("api-tiered.jsa");
        Path aotCache = work.resolve("api.aot");
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("java -jar, JVM defaults", image.withoutOptions(), null, null, ""),
                new Variant("image flags, no class archive", image.withoutClassArchive(), null, null,
                        String.join(" ", image.withoutClassArchive().options())),
                new Variant("image command (flags + AppCDS)", image.withClassArchive(archive), image.withClassArchive(archive), archive,
                        "dynamic archive from one training run (health + refused upload), as in Dockerfile.api")));
        if (image.c1Only()) {
            JvmCommand tiered = image.tiered().withClassArchive(tieredArchive);
            variants.add(new Variant("image command without " + JvmCommand.C1_ONLY + " (C1 + C2)", tiered, tiered, tieredArchive,
                    "the JIT trade-off: C2 makes a warm upload cheaper (--only jit) and the start slower"));
        }
        if (Toolchain.javaFeature() >= 25) {
            variants.add(new Variant("image flags + JDK 25 AOT cache", image.withoutClassArchive().plus("-XX:AOTCache=" + aotCache),
                    image.withoutClassArchive().plus("-XX:AOTCacheOutput=" + aotCache), aotCache,
                    "informational: the image runs Corretto 21, which has no AOT cache"));
        }
        String token = backends.token("start-time");
        for (Variant variant : variants) {
            if (variant.training() != null) {
                Progress.step("start time, API: training run for " + variant.name());
                apiRun(variant.training(), backends, null);
                variant.checkTrained();
            }
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
        return image.withClassArchive(archive);
    }

    /**
     * One fresh API: milliseconds to healthy and to the first stored upload. Without a token it is
     * a training run: it asks /health, sends an upload without a token (401), then stops, which
     * writes the archive or cache.
     */
    private double[] apiRun(JvmCommand command, Backends backends, String token) {
        try (ApiProcess api = ApiProcess.start(tools, command, backends.apiEnvironment(), work,
                work.resolve("logs/api-start.log"), READY_TIMEOUT)) {
            InetSocketAddress address = api.address();
            byte[] body = Requests.uploadBody("start.bin", Requests.randomBytes(1024, 7));
            int expected = token == null ? 401 : 201;
            try (HttpConnection connection = new HttpConnection(address)) {
                int status = connection.exchange(Requests.upload(address, token == null ? "none" : token, body), false).status();
                if (status != expected) {
                    throw new IllegalStateException("first upload answered " + status + ", expected " + expected
                            + "; see " + api.process().log());
                }
            }
            long uploaded = System.nanoTime();
            if (token != null) {
                api.process().kill(); // a timed run: its shutdown is not part of the measure
            }
            return new double[] {api.millisToHealthy(), (uploaded - api.process().launchedNanos()) / 1e6};
        } catch (IOException e) {
            throw new UncheckedIOException("the API closed the connection", e);
        }
    }

    void runProcessor(Backends backends) {
        Path library = RuntimeClientNativeLibrary.extract(tools.repo().resolve("stream-processor/target/dependency"),
                work.resolve("libaws-lambda-jni.so"));
        JvmCommand image = tools.processorImage().plus(RuntimeClientNativeLibrary.jvmOption(library));
        Path archive = work.resolve("processor.jsa");
        Path aotCache = work.resolve("processor.aot");
        JvmCommand flags = image.withoutClassArchive();
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("image flags, no class archive", flags, null, null,
                        String.join(" ", tools.processorImage().withoutClassArchive().options())),
                new Variant("image command (flags + AppCDS)", image.withClassArchive(archive), null, archive,
                        "dynamic archive from a training run that stops after init, as in Dockerfile.processor")));
        if (Toolchain.javaFeature() >= 25) {
            variants.add(new Variant("image flags + JDK 25 AOT cache", flags.plus("-XX:AOTCache=" + aotCache),
                    flags.plus("-XX:AOTCacheOutput=" + aotCache), aotCache,
                    "informational: the image runs Corretto 21, which has no AOT cache; trained with one invocation"));
        }
        Progress.step("start time, processor: the image's training run (init only)");
        processorInitOnly(image.withClassArchive(archive), backends);
        byte[] jpeg = SampleFiles.smallJpeg();
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            for (Variant variant : variants) {
                if (variant.training() != null) {
                    Progress.step("start time, processor: training run for " + variant.name());
                    processorRun(variant.training(), backends, runtime, jpeg, true);
                }
                variant.checkTrained();
                Progress.step("start time, processor: " + variant.name() + " x " + options.startRuns());
                List<double[]> runs = new ArrayList<>();
                Set<String> warnings = new TreeSet<>();
                for (int i = 0; i < options.startRuns(); i++) {
                    runs.add(processorRun(variant.command(), backends, runtime, jpeg, false));
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
     * Dockerfile.processor's training run: the runtime client with no Runtime API to reach loads the
     * handler, fails to fetch an invocation and exits, and the JVM writes its class archive.
     */
    private void processorInitOnly(JvmCommand command, Backends backends) {
        Path log = work.resolve("logs/processor-training.log");
        try (ChildProcess child = ChildProcess.start("stream-processor-training", command.toList(tools.java()),
                processorEnvironment(backends, "127.0.0.1:9"), taskRoot(), log)) {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (child.isAlive() && System.nanoTime() < deadline) {
                ChildProcess.sleep(Duration.ofMillis(50));
            }
        }
        try {
            if (!Files.readString(log).contains("Failed to get next invocation")) {
                throw new IllegalStateException("the processor's training run did not get through its init; see " + log);
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
    private double[] processorRun(JvmCommand command, Backends backends, FakeLambdaRuntime runtime, byte[] jpeg,
                                  boolean training) {
        FileRecord record = backends.storePending("start-time", "start.jpg", jpeg);
        FakeLambdaRuntime.Invocation invocation = runtime.invoke("{\"pk\":\"" + KeyScheme.partitionKey(record.userId())
                + "\",\"sk\":\"" + KeyScheme.fileSortKey(record.fileId()) + "\"}");
        try (ChildProcess child = ChildProcess.start("stream-processor", command.toList(tools.java()),
                processorEnvironment(backends, runtime.address()), taskRoot(), work.resolve("logs/processor-start.log"))) {
            FakeLambdaRuntime.Reply reply = invocation.awaitReply(READY_TIMEOUT);
            if (reply.kind() != FakeLambdaRuntime.Reply.Kind.RESPONSE || !reply.body().contains("\"PROCESSED\"")) {
                throw new IllegalStateException("first invocation answered " + reply);
            }
            if (!training) {
                child.kill(); // a timed run: its shutdown is not part of the measure
            }
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
