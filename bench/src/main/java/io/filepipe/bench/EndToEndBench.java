package io.filepipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.local.StackFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Uploads at a steady rate through the whole local pipeline ({@code filepipe-local up} on disk, as
 * a developer runs it), then reads where the time went from the stack's own records, so no polling
 * interval biases the numbers: the 201 (client clock), the execution's start in the workflow
 * history ({@code <data-dir>/executions}), the processor's {@code duration_ms} and the item's
 * {@code updated_at} when it became PROCESSED. All clocks are the same machine's.
 */
final class EndToEndBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARMUP_UPLOADS = 20;
    private static final int CONNECTIONS = 8;
    private static final int PAYLOAD_BYTES = 1024;
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(120);

    private final Toolchain tools;
    private final BenchOptions options;
    private final Results results;
    private final Path work;

    EndToEndBench(Toolchain tools, BenchOptions options, Results results, Path work) {
        this.tools = tools;
        this.options = options;
        this.results = results;
        this.work = work;
    }

    /** One upload as the client saw it. */
    private record Sent(Instant sent, Instant acknowledged, int status, String fileId) {
    }

    void run() {
        Path dataDir = work.resolve("e2e-stack");
        Progress.step("end to end: starting the local stack (filepipe-local up, on disk)");
        List<String> command = List.of(tools.java().toString(), "-jar", tools.localJar().toString(), "up", "--port", "0",
                "--data-dir", dataDir.toString());
        try (ChildProcess stack = ChildProcess.start("local stack", command, Map.of(), work,
                work.resolve("logs/local-stack.log"))) {
            StackFile endpoints = awaitStackFile(stack, dataDir);
            URI api = endpoints.api();
            InetSocketAddress address = new InetSocketAddress(api.getHost(), api.getPort());
            String token = token(endpoints.token());
            byte[] text = ("filepipe end-to-end benchmark line of text.\n".repeat(PAYLOAD_BYTES / 44 + 1))
                    .substring(0, PAYLOAD_BYTES).getBytes(StandardCharsets.US_ASCII);
            byte[] request = Requests.upload(address, token, Requests.uploadBody("e2e.txt", text));

            Progress.step("end to end: " + WARMUP_UPLOADS + " warm-up uploads");
            awaitFinished(address, token, upload(address, request, WARMUP_UPLOADS, options.e2eRate()));
            Progress.step("end to end: " + options.e2eUploads() + " uploads at " + options.e2eRate() + "/s");
            List<Sent> sent = upload(address, request, options.e2eUploads(), options.e2eRate());
            Map<String, JsonNode> items = awaitFinished(address, token, sent);
            results.endToEnd = summarize(sent, items, executionStarts(dataDir.resolve("executions")));
        }
    }

    static StackFile awaitStackFile(ChildProcess stack, Path dataDir) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.exists(StackFile.path(dataDir))) {
            stack.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the local stack did not start; see " + stack.log());
            }
            ChildProcess.sleep(Duration.ofMillis(50));
        }
        return StackFile.read(dataDir);
    }

    static String token(URI uri) {
        InetSocketAddress issuer = new InetSocketAddress(uri.getHost(), uri.getPort());
        try (HttpConnection connection = new HttpConnection(issuer)) {
            HttpConnection.Response response = connection.exchange(
                    Requests.get(uri.getRawPath() + "?" + uri.getRawQuery(), issuer, null), true);
            return JSON.readTree(response.body()).get("IdToken").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token issuer unreachable", e);
        }
    }

    /** Sends {@code count} uploads, one every 1/rate seconds whatever the answers take (an open loop). */
    private static List<Sent> upload(InetSocketAddress address, byte[] request, int count, double rate) {
        BlockingQueue<HttpConnection> pool = new ArrayBlockingQueue<>(CONNECTIONS);
        List<Future<Sent>> futures = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONNECTIONS; i++) {
                pool.add(new HttpConnection(address));
            }
            long start = System.nanoTime();
            long interval = (long) (1e9 / rate);
            for (int i = 0; i < count; i++) {
                ClosedLoop.sleepUntil(start + i * interval);
                futures.add(senders.submit(() -> send(address, request, pool)));
            }
            List<Sent> sent = new ArrayList<>();
            for (Future<Sent> future : futures) {
                sent.add(future.get());
            }
            return sent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the API", e);
        } catch (Exception e) {
            throw new IllegalStateException("an upload failed: " + e, e);
        } finally {
            pool.forEach(HttpConnection::close);
        }
    }

    private static Sent send(InetSocketAddress address, byte[] request, BlockingQueue<HttpConnection> pool)
            throws IOException, InterruptedException {
        HttpConnection connection = pool.take();
        try {
            if (!connection.isOpen()) {
                connection.close();
                connection = new HttpConnection(address);
            }
            Instant sent = Instant.now();
            HttpConnection.Response response = connection.exchange(request, true);
            Instant acknowledged = Instant.now();
            String fileId = response.status() == 201 ? JSON.readTree(response.body()).get("file_id").asText() : null;
            return new Sent(sent, acknowledged, response.status(), fileId);
        } finally {
            pool.put(connection);
        }
    }

    /** Polls each file until it is no longer PENDING or PROCESSING; returns the final items by file id. */
    private static Map<String, JsonNode> awaitFinished(InetSocketAddress address, String token, List<Sent> sent) {
        Map<String, JsonNode> finished = new HashMap<>();
        List<String> waiting = new ArrayList<>(sent.stream().filter(s -> s.fileId() != null).map(Sent::fileId).toList());
        long deadline = System.nanoTime() + FINISH_TIMEOUT.toNanos();
        try (HttpConnection connection = new HttpConnection(address)) {
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                List<String> still = new ArrayList<>();
                for (String fileId : waiting) {
                    JsonNode item = JSON.readTree(connection.exchange(Requests.get("/files/" + fileId, address, token), true).body());
                    String status = item.path("status").asText();
                    if (status.equals("PENDING") || status.equals("PROCESSING")) {
                        still.add(fileId);
                    } else {
                        finished.put(fileId, item);
                    }
                }
                waiting = still;
                if (!waiting.isEmpty()) {
                    ChildProcess.sleep(Duration.ofMillis(250));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading file status failed", e);
        }
        return finished;
    }

    /** When the workflow execution that carried each file started, from the histories the stack writes. */
    private static Map<String, Instant> executionStarts(Path dir) {
        Map<String, Instant> starts = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return starts;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode execution = JSON.readTree(file.toFile());
                Instant started = null;
                for (JsonNode event : execution.path("events")) {
                    if (event.path("type").asText().equals("ExecutionStarted")) {
                        started = Instant.parse(event.get("timestamp").asText());
                        break;
                    }
                }
                if (started == null) {
                    continue;
                }
                for (JsonNode record : execution.path("inputSummary")) {
                    String sk = record.path("dynamodb").path("Keys").path("SK").path("S").asText();
                    if (sk.startsWith("FILE#")) {
                        starts.merge(sk.substring("FILE#".length()), started, (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the execution histories in " + dir, e);
        }
        return starts;
    }

    private Results.EndToEnd summarize(List<Sent> sent, Map<String, JsonNode> items, Map<String, Instant> starts) {
        List<Double> upload = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        List<Double> created = new ArrayList<>();
        List<Double> pipe = new ArrayList<>();
        List<Double> workflow = new ArrayList<>();
        List<Double> processing = new ArrayList<>();
        int processed = 0;
        for (Sent s : sent) {
            upload.add(millis(s.sent(), s.acknowledged()));
            JsonNode item = s.fileId() == null ? null : items.get(s.fileId());
            if (item == null || !item.path("status").asText().equals("PROCESSED")) {
                continue;
            }
            processed++;
            Instant done = Instant.parse(item.get("updated_at").asText());
            double duration = item.path("result").path("duration_ms").asDouble();
            double sinceAck = millis(s.acknowledged(), done);
            total.add(sinceAck);
            created.add(millis(Instant.parse(item.get("created_at").asText()), done));
            processing.add(duration);
            Instant executionStart = starts.get(s.fileId());
            if (executionStart != null) {
                double inPipe = millis(s.acknowledged(), executionStart);
                pipe.add(inPipe);
                workflow.add(sinceAck - inPipe - duration);
            }
        }
        return new Results.EndToEnd("filepipe-local up (on disk)", sent.size(), options.e2eRate(), PAYLOAD_BYTES,
                processed, sent.size() - processed, Results.Quantiles.of(upload), Results.Quantiles.of(total),
                Results.Quantiles.of(created), Results.Quantiles.of(pipe), Results.Quantiles.of(workflow), Results.Quantiles.of(processing),
                pipe.size(), WARMUP_UPLOADS + " warm-up uploads before, not counted");
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}
