package io.filepipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.bench.capacity.Assessment;
import io.filepipe.bench.capacity.CapacityModel;
import io.filepipe.bench.capacity.CapacityModel.Platform;
import io.filepipe.bench.capacity.Design;
import io.filepipe.bench.capacity.ProcessingTime;
import io.filepipe.bench.capacity.Workload;
import io.filepipe.core.FileId;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.pipeline.PipeSettings;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.SweepShards;
import io.filepipe.emulators.Sleeper;
import io.filepipe.emulators.pipes.PipeRunner;
import io.filepipe.emulators.workflow.DynamoDbUpdateItemResource;
import io.filepipe.emulators.workflow.ExecutionResult;
import io.filepipe.emulators.workflow.LambdaInvokeResource;
import io.filepipe.emulators.workflow.StateMachine;
import io.filepipe.emulators.workflow.WorkflowRunner;
import io.filepipe.processor.FileProcessor;
import io.filepipe.processor.FileRef;
import io.filepipe.processor.ProcessorConfig;
import io.filepipe.processor.ProcessorTimeouts;
import io.filepipe.testsupport.LocalClients;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The capacity model's pipe formulas against the local pipe: the project's {@code PipeRunner} and
 * {@code WorkflowRunner} with core's settings and workflow, the real {@link FileProcessor} behind
 * the workflow's {@code lambda:invoke}, on the in-memory backends. The model gets what it would be
 * given for AWS, measured here: the processor's per-file time (its median and p99), the platform's
 * per-batch overhead (an execution's time beyond its slowest file), the stream's shards and the
 * runner's poll interval; it then predicts the throughput of a backlog and the lag of a steady load
 * at a third of that, which the run measures.
 */
final class PipelineBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROCESSOR_ARN = "arn:aws:lambda:us-east-1:000000000000:function:bench-processor";
    /** The local stack's: how long the runner waits after a poll that found nothing. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final byte[] FILE = "a line of text for the pipeline benchmark\n".repeat(24).getBytes();

    private final BenchOptions options;
    private final Results results;
    private final Path work;
    private final Map<String, Double> fileSeconds = new ConcurrentHashMap<>();
    private final Map<String, Instant> finished = new ConcurrentHashMap<>();
    private final List<Double> batchOverheads = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch remaining = new CountDownLatch(0);

    PipelineBench(BenchOptions options, Results results, Path work) {
        this.options = options;
        this.results = results;
        this.work = work;
    }

    void run(Backends backends) {
        AwsClients clients = LocalClients.of(backends.settings());
        try (DynamoDbClient dynamo = clients.dynamoDb(); DynamoDbStreamsClient streams = clients.dynamoDbStreams()) {
            PipeSettings settings = PipelineDefinition.settings();
            String table = "bench-pipeline";
            String streamArn = FileTable.createIfMissing(dynamo, table).latestStreamArn();
            DynamoDbFileStore files = new DynamoDbFileStore(dynamo, table, SweepShards.DEFAULTS);
            ProcessorConfig config = ProcessorConfig.of(table, Backends.BUCKET, ProcessorTimeouts.defaults(),
                    SweepShards.DEFAULTS, backends.settings());
            FileProcessor processor = new FileProcessor(config, files, backends.blobs(), Clock.systemUTC(),
                    new SerializedMetrics());
            WorkflowRunner workflow = workflow(dynamo, table, processor);
            int shards = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().size();

            int backlog = options.quick() ? 400 : 2_000;
            Design design = Design.project(Design.Limits.defaults());
            // the pipes keep their checkpoint here, so the measured pipe starts after the warm-up's records
            Path state = work.resolve("pipeline-pipe");
            Progress.step("pipeline: warming up with " + backlog / 4 + " files");
            store(backends, files, backlog / 4);
            remaining = new CountDownLatch(backlog / 4);
            try (PipeRunner warmUp = pipe(streams, streamArn, settings, workflow, state)) {
                await(); // JIT and pools warm, as a Lambda fleet under load is
            }
            fileSeconds.clear();
            batchOverheads.clear();
            Progress.step("pipeline: a backlog of " + backlog + " files through the local pipe");
            List<FileId> stored = store(backends, files, backlog);
            remaining = new CountDownLatch(backlog);
            try (PipeRunner pipe = pipe(streams, streamArn, settings, workflow, state)) {
                Instant start = Instant.now();
                await();
                Instant last = stored.stream().map(id -> finished.get(id.value())).max(Instant::compareTo).orElseThrow();
                double measured = backlog / seconds(start, last);
                Platform local = platform(shards, List.of());
                ProcessingTime perFile = fit(new ArrayList<>(fileSeconds.values()));
                double predicted = CapacityModel.assess(Workload.goal().with(perFile).at(measured), design, local)
                        .shardCapacity() * shards;
                results.pipeline.add(new Results.PipelineCheck("throughput of a backlog of " + backlog + " files",
                        predicted, measured, "files/s", inputs(perFile, local, settings)));

                double rate = Math.max(1, Math.floor(predicted / 3));
                int steady = (int) (rate * (options.quick() ? 5 : 20));
                Progress.step("pipeline: " + steady + " files at " + rate + "/s");
                fileSeconds.clear();
                batchOverheads.clear();
                remaining = new CountDownLatch(steady);
                List<Long> passes = new CopyOnWriteArrayList<>();
                Thread passWatch = Thread.ofVirtual().start(() -> {
                    try {
                        while (remaining.getCount() > 0) {
                            pipe.awaitPasses(1, TIMEOUT);
                            passes.add(System.nanoTime());
                        }
                    } catch (Exception stopped) {
                        // the pipe stopped or the run is over: the passes seen so far are enough
                    }
                });
                List<Stored> paced = storePaced(backends, files, steady, rate);
                await();
                join(passWatch);
                double meanLag = paced.stream().mapToDouble(s -> seconds(s.at(), finished.get(s.id().value())))
                        .average().orElseThrow();
                local = platform(shards, passes);
                perFile = fit(new ArrayList<>(fileSeconds.values()));
                Assessment light = CapacityModel.assess(Workload.goal().with(perFile).at(rate), design, local);
                results.pipeline.add(new Results.PipelineCheck("mean lag (item written -> file finished) at "
                        + (long) rate + " files/s", light.lagSeconds() * 1e3, meanLag * 1e3, "ms",
                        inputs(perFile, local, settings)));
            }
        }
    }

    /**
     * The local platform as this run measured it: its per-batch overhead, its shards, and its polls
     * (the runner polls again at once after a poll that read something, and waits its interval after
     * one that did not, so the gaps between passes vary): their mean gap, and the mean wait of a
     * record that arrives at a random time, {@code E[gap²] / 2E[gap]}. Without passes seen, the
     * interval.
     */
    private Platform platform(int shards, List<Long> passes) {
        double overhead = batchOverheads.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double interval = POLL_INTERVAL.toMillis() / 1000.0;
        double sum = 0;
        double squares = 0;
        for (int i = 1; i < passes.size(); i++) {
            double gap = (passes.get(i) - passes.get(i - 1)) / 1e9;
            sum += gap;
            squares += gap * gap;
        }
        return passes.size() < 2 ? new Platform(interval, interval / 2, overhead, shards, Platform.AWS.prices())
                : new Platform(sum / (passes.size() - 1), squares / (2 * sum), overhead, shards, Platform.AWS.prices());
    }

    private static String inputs(ProcessingTime perFile, Platform local, PipeSettings settings) {
        return String.format(Locale.ROOT, "per file median %.1f ms, p99 %.1f ms; overhead %.1f ms per batch; %d shard(s);"
                        + " polls every %.0f ms, a record waits %.0f ms for one; PF %d, batch %d",
                perFile.medianSeconds() * 1e3, perFile.p99Seconds() * 1e3, local.overheadSeconds() * 1e3,
                local.fixedShards(), local.pollSeconds() * 1e3, local.pollWaitSeconds() * 1e3,
                settings.parallelizationFactor(), settings.batchSize());
    }

    private record Stored(FileId id, Instant at) {
    }

    /** The processor's times as the model takes them: the measured distribution itself. */
    static ProcessingTime fit(List<Double> seconds) {
        return ProcessingTime.measured(seconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private WorkflowRunner workflow(DynamoDbClient dynamo, String table, FileProcessor processor) {
        StateMachine machine = StateMachine.parse(PipelineDefinition.workflow(Map.of(
                PipelineDefinition.PROCESSOR_FUNCTION_ARN, PROCESSOR_ARN, PipelineDefinition.TABLE_NAME, table)));
        return new WorkflowRunner(machine, Map.of(
                LambdaInvokeResource.ARN, new LambdaInvokeResource(Map.of(PROCESSOR_ARN, payload -> {
                    FileRef file = new FileRef(KeyScheme.userOf(payload.path("pk").asText()),
                            KeyScheme.fileOf(payload.path("sk").asText()));
                    long began = System.nanoTime();
                    String status = processor.process(file).status();
                    fileSeconds.put(file.fileId().value(), (System.nanoTime() - began) / 1e9);
                    finished.put(file.fileId().value(), Instant.now());
                    remaining.countDown();
                    return JSON.createObjectNode().put("status", status);
                })),
                DynamoDbUpdateItemResource.ARN, new DynamoDbUpdateItemResource(dynamo)),
                Sleeper.REAL, new Random(), Clock.systemUTC(), null);
    }

    private PipeRunner pipe(DynamoDbStreamsClient streams, String streamArn, PipeSettings settings,
                            WorkflowRunner workflow, Path state) {
        return new PipeRunner(streams, streamArn, Backends.REGION, PipelineDefinition.filterPattern(), settings,
                (batchId, attempt, batch) -> {
                    long began = System.nanoTime();
                    ExecutionResult result = workflow.execute(batchId + "-" + attempt, batch);
                    double took = (System.nanoTime() - began) / 1e9;
                    double slowest = 0;
                    for (JsonNode record : batch) {
                        String id = KeyScheme.fileOf(record.at("/dynamodb/Keys/SK/S").asText()).value();
                        slowest = Math.max(slowest, fileSeconds.getOrDefault(id, 0.0));
                    }
                    batchOverheads.add(Math.max(0, took - slowest));
                    if (result instanceof ExecutionResult.Failed f) {
                        throw new IllegalStateException("execution failed: " + f.error());
                    }
                }, state, POLL_INTERVAL, Sleeper.REAL, Clock.systemUTC()).start();
    }

    private static List<FileId> store(Backends backends, DynamoDbFileStore files, int count) {
        List<FileId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(backends.storePending(files, "pipeline-bench-" + (i % 100), "note.txt", FILE).fileId());
        }
        return ids;
    }

    private static List<Stored> storePaced(Backends backends, DynamoDbFileStore files, int count, double rate) {
        List<Stored> stored = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = started + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while pacing uploads", e);
                }
            }
            Instant at = Instant.now();
            stored.add(new Stored(backends.storePending(files, "pipeline-bench-" + (i % 100), "note.txt", FILE).fileId(),
                    at));
        }
        return stored;
    }

    private void await() {
        try {
            if (!remaining.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(remaining.getCount() + " files were not processed within " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
