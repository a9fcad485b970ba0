package io.filepipe.bench;

import io.filepipe.core.ContentSniffer;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.Sha256;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import io.filepipe.embedded.LocalTokenIssuer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Upload throughput and latency of the API process, beside the raw writes (S3 PutObject + DynamoDB
 * PutItem with the same SDK clients and settings) from the bench process, for every payload and
 * concurrency, on one set of backends. Every API cell also reports the API's CPU per upload. The
 * in-memory run adds the fixed-count CPU measurement, the load generator's overhead against
 * {@code /health}, resident memory, and (with {@code --profile}) a JFR profile.
 */
final class ThroughputBench {

    static final List<Integer> PAYLOADS = List.of(1024, 64 * 1024, 1024 * 1024);
    static final List<Integer> CONCURRENCY = List.of(1, 16, 64);
    static final int PROFILED_PAYLOAD = 64 * 1024;
    static final int PROFILED_CONCURRENCY = 16;
    private static final int USERS = 16;
    private static final String RAW_FILE_NAME = "bench.bin";

    private final Toolchain tools;
    private final BenchOptions options;
    private final Results results;
    private final Path work;

    ThroughputBench(Toolchain tools, BenchOptions options, Results results, Path work) {
        this.tools = tools;
        this.options = options;
        this.results = results;
        this.work = work;
    }

    /** One payload, ready to send: the API request of each user, and the raw bytes with their digest. */
    record Payload(int size, byte[] data, byte[] sha256, String contentType, byte[][] requestPerUser) {
        byte[] request(int worker) {
            return requestPerUser[worker % requestPerUser.length];
        }
    }

    void run(Backends backends, JvmCommand apiCommand) {
        String label = backends.inMemory() ? "in-memory" : "on-disk";
        Progress.step("throughput, " + label + " backends: starting the API");
        try (ApiProcess api = ApiProcess.start(tools, apiCommand, backends.apiEnvironment(), work,
                work.resolve("logs/api-" + label + ".log"), Duration.ofSeconds(60))) {
            ChildProcess.sleep(Duration.ofSeconds(1));
            double idleAfterStart = mib(api.process().rssKiB());
            String[] tokens = tokens(backends);
            List<Payload> payloads = PAYLOADS.stream().map(size -> payload(size, api.address(), tokens)).toList();
            Payload profiled = payloads.get(PAYLOADS.indexOf(PROFILED_PAYLOAD));

            // every payload, not only the profiled one: each size has its own hot code (a 1 MiB body
            // goes through buffers and loops a 64 KiB one hardly uses), and a cell measured while C2
            // still compiles it would charge the compiler's CPU and the interpreter's time to the API
            for (Payload payload : payloads) {
                Progress.step("throughput, " + label + ": warming up API and raw writes, " + Report.size(payload.size()));
                ClosedLoop.forDuration(PROFILED_CONCURRENCY, uploads(api.address(), payload), Duration.ZERO,
                        options.warmup(), ClosedLoop.Meter.NONE);
                ClosedLoop.forDuration(PROFILED_CONCURRENCY, rawWrites(backends, payload), Duration.ZERO,
                        options.warmup().dividedBy(2), ClosedLoop.Meter.NONE);
                backends.clearUploads();
            }
            if (backends.inMemory()) {
                measureGenerator(api);
            }

            RssSampler rss = new RssSampler(api.process());
            for (Payload payload : payloads) {
                for (int concurrency : CONCURRENCY) {
                    boolean memoryCell = payload == profiled && concurrency == PROFILED_CONCURRENCY;
                    Progress.step("throughput, " + label + ": " + Report.size(payload.size()) + " c=" + concurrency);
                    CpuMeter cpu = new CpuMeter(api.process(), memoryCell ? rss : null);
                    ClosedLoop.Result viaApi = ClosedLoop.forDuration(concurrency, uploads(api.address(), payload),
                            options.settle(), options.window(), cpu);
                    backends.clearUploads();
                    ClosedLoop.Result raw = ClosedLoop.forDuration(concurrency, rawWrites(backends, payload),
                            options.settle(), options.window(), ClosedLoop.Meter.NONE);
                    backends.clearUploads();
                    results.throughput.add(cell(label, "API", payload, concurrency, viaApi, cpu.millis() / viaApi.completed()));
                    results.throughput.add(cell(label, "raw S3+DynamoDB", payload, concurrency, raw, null));
                    results.ratios.add(new Results.Ratio(label, payload.size(), concurrency, viaApi.perSecond(),
                            raw.perSecond(), viaApi.perSecond() / raw.perSecond()));
                }
            }

            Progress.step("throughput, " + label + ": CPU per upload over " + options.cpuUploads() + " uploads");
            CpuMeter cpu = new CpuMeter(api.process(), null);
            ClosedLoop.Result counted = ClosedLoop.forCount(PROFILED_CONCURRENCY, uploads(api.address(), profiled),
                    options.cpuUploads(), cpu);
            backends.clearUploads();
            results.cpuCost.add(new Results.CpuCost(label, profiled.size(), PROFILED_CONCURRENCY, counted.completed(),
                    counted.errors(), cpu.millis(), cpu.millis() / counted.completed(), counted.seconds()));

            ChildProcess.sleep(Duration.ofSeconds(2));
            results.memory.add(new Results.Memory(label, idleAfterStart, mib(api.process().rssKiB()), mib(rss.peakKiB()),
                    mib(api.process().peakRssKiB()), Report.size(PROFILED_PAYLOAD) + " c=" + PROFILED_CONCURRENCY));

            if (options.profile() && backends.inMemory()) {
                Progress.step("throughput, " + label + ": JFR profile of " + Report.size(PROFILED_PAYLOAD) + " c="
                        + PROFILED_CONCURRENCY);
                results.profiles.add(new ApiProfiler(tools, work).profile(api.process(), () -> ClosedLoop.forDuration(
                        PROFILED_CONCURRENCY, uploads(api.address(), profiled), Duration.ZERO, options.window(),
                        ClosedLoop.Meter.NONE), Report.size(PROFILED_PAYLOAD) + " c=" + PROFILED_CONCURRENCY));
                backends.clearUploads();
            }
        }
    }

    /** The load generator against {@code /health}: the ceiling it can drive, and its own CPU per request. */
    private void measureGenerator(ApiProcess api) {
        Progress.step("throughput: load generator overhead against /health");
        byte[] health = Requests.get("/health", api.address(), null);
        CpuMeter cpu = new CpuMeter(api.process(), null);
        ClosedLoop.Result result = ClosedLoop.forDuration(PROFILED_CONCURRENCY,
                worker -> http(api.address(), health, 200), options.settle(), options.window(), cpu);
        results.generatorOverhead.add(new Results.GeneratorOverhead("GET /health", PROFILED_CONCURRENCY,
                result.perSecond(), result.latency().p50(), result.latency().p99(), result.generatorCpuMillisPerRequest(),
                cpu.millis() / result.completed()));
    }

    private static Results.Throughput cell(String backends, String target, Payload payload, int concurrency,
                                           ClosedLoop.Result result, Double apiCpuMsPerUpload) {
        return new Results.Throughput(backends, target, payload.size(), concurrency, result.perSecond(),
                result.latency().p50(), result.latency().p99(), result.errors(), result.completed(), apiCpuMsPerUpload,
                result.generatorCpuMillisPerRequest(), Machine.load());
    }

    /** One IdToken per bench user. */
    static String[] tokens(Backends backends) {
        String[] tokens = new String[USERS];
        for (int i = 0; i < USERS; i++) {
            tokens[i] = backends.token("bench-" + i);
        }
        return tokens;
    }

    static Payload payload(int size, InetSocketAddress api, String[] tokens) {
        byte[] data = Requests.randomBytes(size, size);
        byte[] body = Requests.uploadBody("bench-" + size + ".bin", data);
        byte[][] requests = new byte[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            requests[i] = Requests.upload(api, tokens[i], body);
        }
        return new Payload(size, data, Sha256.of(data), ContentSniffer.sniff(data).mimeType(), requests);
    }

    static IntFunction<ClosedLoop.Operation> uploads(InetSocketAddress api, Payload payload) {
        return worker -> http(api, payload.request(worker), 201);
    }

    /** Sends {@code request} over one keep-alive connection per worker, reconnecting when the server closes it. */
    private static ClosedLoop.Operation http(InetSocketAddress api, byte[] request, int expectedStatus) {
        return new ClosedLoop.Operation() {
            private HttpConnection connection;

            @Override
            public boolean run() throws IOException {
                if (connection == null || !connection.isOpen()) {
                    if (connection != null) {
                        connection.close();
                    }
                    connection = new HttpConnection(api);
                }
                return connection.exchange(request, false).status() == expectedStatus;
            }

            @Override
            public void close() {
                if (connection != null) {
                    connection.close();
                }
            }
        };
    }

    /** What the API does after parsing and hashing: S3 PutObject, then the conditional DynamoDB PutItem. */
    private static IntFunction<ClosedLoop.Operation> rawWrites(Backends backends, Payload payload) {
        FileName name = FileName.of(RAW_FILE_NAME);
        String sha256Hex = HexFormat.of().formatHex(payload.sha256());
        return worker -> {
            UserId owner = new UserId(LocalTokenIssuer.subjectOf("bench-" + (worker % USERS)));
            return () -> {
                Instant now = Timestamps.truncate(Instant.now());
                FileRecord record = FileRecord.pending(owner, FileId.newId(now), name, "bench", payload.size(),
                        payload.contentType(), sha256Hex, now);
                backends.blobs().put(record.s3Key(), payload.data(), record.contentType(), payload.sha256());
                backends.files().create(record);
                return true;
            };
        };
    }

    static double mib(long kib) {
        return kib / 1024.0;
    }
}
