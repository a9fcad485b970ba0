package io.filepipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.api.ApiConfig;
import io.filepipe.api.upload.LargeUploadLimits;
import io.filepipe.api.upload.UploadLimits;
import io.filepipe.core.store.SweepShards;
import io.filepipe.local.StackFile;
import io.filepipe.local.upload.FileSlice;
import io.filepipe.local.upload.PartPlan;
import io.filepipe.local.upload.UploadClient;
import io.filepipe.local.upload.Uploader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A large file with the {@code upload} command's classes, in this process, through the upload API
 * started as its own process (the image's command line, as the throughput benchmarks start it)
 * on the backends and pipeline of a local stack ({@code filepipe-local up} on disk): the API uses
 * the stack's DynamoDB table, bucket and token issuer, so the file completed through it is processed
 * by the stack's pipeline. Measured: the wall time of the upload (SHA-256 pass, {@code POST
 * /uploads}, the part PUTs, {@code complete}) against raw S3 multipart PUTs of the same parts from
 * this same process to the same S3 server; the API process's resident memory growth meanwhile (the
 * goal's figure), and, for information, the stack process's (its S3 server receives the parts); and
 * the processor's time for the file, per GiB. Needs the presigned path of contract13 in the API.
 */
final class LargeUploadBench {

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;
    private static final int PARALLEL = 4;
    private static final Duration PROCESSING_DEADLINE = Duration.ofMinutes(10);

    private final Toolchain tools;
    private final BenchOptions options;
    private final Results results;
    private final Path work;

    LargeUploadBench(Toolchain tools, BenchOptions options, Results results, Path work) {
        this.tools = tools;
        this.options = options;
        this.results = results;
        this.work = work;
    }

    void run(JvmCommand apiCommand) {
        long size = options.quick() ? 128 * MIB : GIB;
        Path dataDir = work.resolve("large-stack");
        Path file = work.resolve("large/upload.txt");
        Progress.step("large: writing a " + Report.size(size) + " text file");
        write(file, size);
        Progress.step("large: starting the local stack (filepipe-local up, on disk)");
        List<String> command = List.of(tools.java().toString(), "-jar", tools.localJar().toString(), "up", "--port", "0",
                "--data-dir", dataDir.toString());
        try (ChildProcess stack = ChildProcess.start("local stack", command, Map.of(), work,
                work.resolve("logs/large-stack.log"))) {
            StackFile endpoints = EndToEndBench.awaitStackFile(stack, dataDir);
            String token = EndToEndBench.token(endpoints.token());

            Progress.step("large: raw S3 multipart upload of the same parts, " + PARALLEL + " at a time");
            double rawSeconds = rawMultipart(endpoints, file, size);

            Progress.step("large: starting the upload API as its own process, on the stack's backends");
            try (ApiProcess api = ApiProcess.start(tools, apiCommand, apiEnvironment(endpoints), work,
                    work.resolve("logs/large-api.log"), Duration.ofSeconds(60))) {
                ChildProcess.sleep(Duration.ofSeconds(1));
                uploadThroughApi(api, stack, token, file, size, rawSeconds);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The API's environment from its config record, as {@link Backends#apiEnvironment()} builds it,
     * on the stack's table, bucket, endpoints and issuer (its name and where its keys are served),
     * with the stack's credentials; loopback only ({@link ApiProcess} sets the port). S3Proxy refuses
     * checksums bound into presigned PUTs, so completion verifies the SHA-256, as in the stack's API.
     */
    static Map<String, String> apiEnvironment(StackFile endpoints) {
        ApiConfig config = new ApiConfig(endpoints.table(), endpoints.bucket(), endpoints.issuer(),
                endpoints.clientId(), endpoints.jwks(), UploadLimits.defaults(), LargeUploadLimits.defaults(), false,
                ApiConfig.DEFAULT_DOWNLOAD_URL_TTL, ApiConfig.DEFAULT_MAX_LIVE_SHARES, "127.0.0.1",
                ApiConfig.DEFAULT_PORT, false, SweepShards.DEFAULTS, endpoints.aws(), null);
        Map<String, String> env = new HashMap<>(config.toEnvironment());
        env.put("AWS_ACCESS_KEY_ID", endpoints.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", endpoints.secretAccessKey());
        return Map.copyOf(env);
    }

    private void uploadThroughApi(ApiProcess api, ChildProcess stack, String token, Path file, long size,
                                  double rawSeconds) throws IOException, InterruptedException {
        Progress.step("large: the upload command's path through that API, " + PARALLEL + " parts at a time");
        URI apiUri = URI.create("http://" + api.address().getHostString() + ":" + api.address().getPort());
        long apiBefore = api.process().rssKiB();
        long stackBefore = stack.rssKiB();
        RssSampler apiRss = new RssSampler(api.process());
        RssSampler stackRss = new RssSampler(stack);
        apiRss.start();
        stackRss.start();
        long started = System.nanoTime();
        try (UploadClient client = new UploadClient(apiUri, token);
             PrintStream progress = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            Uploader uploader = new Uploader(client, work.resolve("large/state"), PARALLEL, progress, false);
            JsonNode created = uploader.upload(file, "bench");
            double uploadSeconds = (System.nanoTime() - started) / 1e9;
            apiRss.stop();
            stackRss.stop();
            Progress.step("large: waiting for the stack's processor");
            JsonNode done = uploader.awaitTerminal(created.path("file_id").asText(), PROCESSING_DEADLINE);
            double processingMs = done.path("result").path("duration_ms").asDouble(Double.NaN);
            results.largeUpload = new Results.LargeUpload(size, PARALLEL, uploadSeconds, rawSeconds,
                    rawSeconds / uploadSeconds, apiBefore / 1024.0, apiRss.peakKiB() / 1024.0,
                    (apiRss.peakKiB() - apiBefore) / 1024.0, stackBefore / 1024.0, stackRss.peakKiB() / 1024.0,
                    (stackRss.peakKiB() - stackBefore) / 1024.0, done.path("status").asText(),
                    processingMs / 1000.0 / ((double) size / GIB));
        }
    }

    /** Seconds for CreateMultipartUpload, the parts ({@value #PARALLEL} at a time, read as slices), Complete. */
    private static double rawMultipart(StackFile endpoints, Path file, long size) throws InterruptedException {
        // the part size contract13 gives the API: max(8 MiB, size / 10,000 rounded up to a whole MiB)
        long partSize = Math.max(8 * MIB, (size / 10_000 + MIB - 1) / MIB * MIB);
        PartPlan plan = new PartPlan(size, partSize);
        String key = "bench/raw-multipart";
        long started = System.nanoTime();
        try (S3Client s3 = endpoints.clients().s3(); ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            String uploadId = s3.createMultipartUpload(r -> r.bucket(endpoints.bucket()).key(key)).uploadId();
            List<Future<CompletedPart>> parts = new ArrayList<>();
            for (PartPlan.Part part : plan.parts()) {
                parts.add(pool.submit(() -> {
                    RequestBody body = RequestBody.fromContentProvider(() -> {
                        try {
                            return FileSlice.open(file, part.offset(), part.length(), n -> { });
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, part.length(), "application/octet-stream");
                    String etag = s3.uploadPart(r -> r.bucket(endpoints.bucket()).key(key).uploadId(uploadId)
                            .partNumber(part.number()).contentLength(part.length()), body).eTag();
                    return CompletedPart.builder().partNumber(part.number()).eTag(etag).build();
                }));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> part : parts) {
                completed.add(part.get());
            }
            s3.completeMultipartUpload(r -> r.bucket(endpoints.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
            double seconds = (System.nanoTime() - started) / 1e9;
            s3.deleteObject(r -> r.bucket(endpoints.bucket()).key(key));
            return seconds;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a raw part upload failed", e.getCause());
        }
    }

    private static void write(Path file, long size) {
        byte[] line = "filepipe large-upload benchmark: a line of text, repeated to the size asked for.\n"
                .getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] block = new byte[(int) MIB];
                for (int i = 0; i < block.length; i++) {
                    block[i] = line[i % line.length];
                }
                for (long written = 0; written < size; written += block.length) {
                    out.write(block, 0, (int) Math.min(block.length, size - written));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
