package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.FileStatus;
import io.filepipe.emulators.workflow.LambdaFunction;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The whole local pipeline, end to end, on ephemeral ports and a temporary data directory. */
class DevStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();

    private static StackOptions options(Path dir) {
        return new StackOptions(dir, "127.0.0.1", 0, false, 0.001);
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return JSON.createObjectNode().put("status", response.statusCode()).set("body", body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String upload(DevStack stack, String token, String name, byte[] data) {
        String body = JSON.createObjectNode().put("file_name", name)
                .put("file_data", Base64.getEncoder().encodeToString(data)).toString();
        JsonNode response = send(HttpRequest.newBuilder(stack.apiUrl().resolve("/upload"))
                .header("Authorization", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, response.get("status").asInt(), response.toString());
        return response.at("/body/file_id").asText();
    }

    private JsonNode file(DevStack stack, String token, String fileId) {
        return send(HttpRequest.newBuilder(stack.apiUrl().resolve("/files/" + fileId)).header("Authorization", token)
                .build()).get("body");
    }

    /** Reads the file after each pass of the pipe (which runs its workflow) until it is terminal. */
    private JsonNode awaitTerminal(DevStack stack, String token, String fileId) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            JsonNode file = file(stack, token, fileId);
            if (FileStatus.isTerminal(file.path("status").asText())) {
                return file;
            }
            try {
                stack.pipe().awaitPasses(1, Duration.ofNanos(deadline - System.nanoTime()));
            } catch (TimeoutException e) {
                throw new AssertionError("file " + fileId + " is still " + file.path("status").asText());
            }
        }
    }

    private static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<Path> executions(Path dir) throws IOException {
        if (!Files.exists(dir.resolve("executions"))) {
            return List.of();
        }
        try (var files = Files.list(dir.resolve("executions"))) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }

    private static S3Client s3(Path dir) {
        return StackFile.read(dir).clients().s3();
    }

    @Test
    void anUploadIsProcessedWithThumbnailsAndItsResultIsVisible(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.start(options(dir))) {
            String token = stack.issuer().idToken("alice");
            String fileId = upload(stack, token, "photo.png", png(800, 600));

            JsonNode file = awaitTerminal(stack, token, fileId);

            assertEquals("PROCESSED", file.get("status").asText(), file.toString());
            assertEquals("image/png", file.at("/result/content_type").asText());
            assertEquals(800, file.at("/result/width").asInt());
            assertEquals(600, file.at("/result/height").asInt());
            List<String> derived = new ArrayList<>();
            file.at("/result/derived_keys").forEach(k -> derived.add(k.asText()));
            assertEquals(2, derived.size());
            try (S3Client s3 = s3(dir)) {
                List<String> stored = s3.listObjectsV2(r -> r.bucket(DevStack.BUCKET).prefix("derived/")).contents()
                        .stream().map(S3Object::key).toList();
                assertTrue(stored.containsAll(derived), stored.toString());
            }
            StackFile written = StackFile.read(dir);
            assertEquals(stack.apiUrl(), written.api());
            assertEquals(List.of(DevStack.TABLE, DevStack.BUCKET, stack.issuer().issuer(), stack.issuer().jwksUri()),
                    List.of(written.table(), written.bucket(), written.issuer(), written.jwks()));
            String results = Files.readString(dir.resolve("logs/processor.log"));
            assertTrue(results.contains("\"fileId\":\"" + fileId + "\"") && results.contains("\"status\":\"PROCESSED\""),
                    results);
        }
        assertFalse(Files.exists(StackFile.path(dir)), "stack.json is removed at stop");
    }

    @Test
    void updatesDeletesAndNonFileItemsStartNoExecution(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.start(options(dir))) {
            String token = stack.issuer().idToken("bob");
            HttpRequest keyed = HttpRequest.newBuilder(stack.apiUrl().resolve("/upload"))
                    .header("Authorization", token).header("Idempotency-Key", "once")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"file_name\":\"a.txt\",\"file_data\":\"aGk=\"}")).build();
            String fileId = send(keyed).at("/body/file_id").asText();
            awaitTerminal(stack, token, fileId);
            send(HttpRequest.newBuilder(stack.apiUrl().resolve("/files/" + fileId)).header("Authorization", token)
                    .DELETE().build());
            stack.pipe().awaitPasses(2, DEADLINE); // the REMOVE record has been read by now

            assertEquals(1, executions(dir).size(), "one INSERT of a file item, one execution");
        }
    }

    @Test
    void aProcessorFailingPermanentlyLeavesTheItemFailedThroughTheCatch(@TempDir Path dir) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LambdaFunction broken = payload -> {
            calls.incrementAndGet();
            throw new LambdaFunction.FunctionError("java.lang.IllegalStateException", "a bug in the processor");
        };
        try (DevStack stack = DevStack.start(options(dir), real -> broken)) {
            String token = stack.issuer().idToken("carol");
            String fileId = upload(stack, token, "doomed.txt", "x".getBytes(StandardCharsets.UTF_8));

            JsonNode file = awaitTerminal(stack, token, fileId);

            assertEquals("FAILED", file.get("status").asText());
            assertEquals("PROCESSING_FAILED", file.at("/error/code").asText());
            assertEquals("java.lang.IllegalStateException", file.at("/error/message").asText());
            assertEquals(1, calls.get(), "a permanent error is not retried");
        }
    }

    @Test
    void aFileAcknowledgedBeforeAStopIsProcessedOnceAfterTheRestart(@TempDir Path dir) throws Exception {
        CountDownLatch invoked = new CountDownLatch(1);
        LambdaFunction stuck = payload -> {
            invoked.countDown();
            try {
                new CountDownLatch(1).await(); // until the stack stops and interrupts us
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new LambdaFunction.FunctionError("Sandbox.Timedout", "stopped");
        };
        String fileId;
        try (DevStack stack = DevStack.start(options(dir), real -> stuck)) {
            fileId = upload(stack, stack.issuer().idToken("dave"), "later.txt", "later".getBytes(StandardCharsets.UTF_8));
            invoked.await();
        }
        try (DevStack stack = DevStack.start(options(dir))) {
            String token = stack.issuer().idToken("dave");
            JsonNode file = awaitTerminal(stack, token, fileId);
            assertEquals("PROCESSED", file.get("status").asText(), file.toString());
            assertEquals(1, file.get("attempts").asInt());
        }
    }

    @Test
    void aBurstOfConcurrentUploadsAllFinishEachOnce(@TempDir Path dir) throws Exception {
        int uploads = 100;
        try (DevStack stack = DevStack.start(options(dir));
             ExecutorService pool = Executors.newFixedThreadPool(16)) {
            String token = stack.issuer().idToken("erin");
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                byte[] data = ("file number " + i).getBytes(StandardCharsets.UTF_8);
                ids.add(pool.submit(() -> upload(stack, token, "f.txt", data)));
            }
            for (Future<String> id : ids) {
                JsonNode file = awaitTerminal(stack, token, id.get());
                assertEquals("PROCESSED", file.get("status").asText(), file.toString());
                assertEquals(1, file.get("attempts").asInt(), "processed once: " + file);
            }
        }
    }
}
