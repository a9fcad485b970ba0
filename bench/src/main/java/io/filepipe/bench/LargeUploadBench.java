package io.filepipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
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
 * A large file through the local stack ({@code filepipe-local up} on disk) with the {@code upload}
 * command's classes, in this process: the wall time of the upload (SHA-256 pass, {@code POST
 * /uploads}, the part PUTs, {@code complete}) against raw S3 multipart PUTs of the same parts from
 * this same process to the same S3 server; the stack process's resident memory growth meanwhile
 * (API, S3 server and processor share that JVM, so it bounds the API's); and the processor's time
 * for the file, per GiB. Needs the presigned path of contract13 in the API.
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

    void run() {
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

            Progress.step("large: the upload command's path, " + PARALLEL + " parts at a time");
            long rssBefore = stack.rssKiB();
            RssSampler rss = new RssSampler(stack);
            rss.start();
            long started = System.nanoTime();
            JsonNode created;
            try (UploadClient client = new UploadClient(endpoints.api(), token);
                 PrintStream progress = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
                Uploader uploader = new Uploader(client, work.resolve("large/state"), PARALLEL, progress, false);
                created = uploader.upload(file, "bench");
                double uploadSeconds = (System.nanoTime() - started) / 1e9;
                rss.stop();
                Progress.step("large: waiting for the processor");
                JsonNode done = uploader.awaitTerminal(created.path("file_id").asText(), PROCESSING_DEADLINE);
                double processingMs = done.path("result").path("duration_ms").asDouble(Double.NaN);
                results.largeUpload = new Results.LargeUpload(size, PARALLEL, uploadSeconds, rawSeconds,
                        rawSeconds / uploadSeconds, rssBefore / 1024.0, rss.peakKiB() / 1024.0,
                        (rss.peakKiB() - rssBefore) / 1024.0, done.path("status").asText(),
                        processingMs / 1000.0 / ((double) size / GIB));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
