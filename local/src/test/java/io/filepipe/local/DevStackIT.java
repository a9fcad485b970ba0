package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.emulators.workflow.LambdaFunction;
import io.filepipe.testsupport.ApiClient;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.TestImages;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The whole local pipeline, end to end, on ephemeral ports and a temporary data directory. */
class DevStackIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static StackOptions options(Path dir) {
        return new StackOptions(dir, "127.0.0.1", 0, false, 0.001);
    }

    private static String upload(DevStack stack, String token, String name, byte[] data) {
        Http.Response response = new ApiClient(stack.apiUrl(), token).upload(name, data);
        assertEquals(201, response.status(), response.body());
        return response.json().path("file_id").asText();
    }

    /** Reads the file after each pass of the pipe (which runs its workflow) until it is terminal. */
    private static JsonNode awaitTerminal(DevStack stack, String token, String fileId) throws Exception {
        return new ApiClient(stack.apiUrl(), token).awaitTerminal(fileId, DEADLINE, left -> stack.pipe().awaitPasses(1, left));
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
            String fileId = upload(stack, token, "photo.png", TestImages.png(800, 600));

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
            String fileId = Http.send(Http.request(stack.apiUrl().resolve("/upload"), token).header("Idempotency-Key", "once")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"file_name\":\"a.txt\",\"file_data\":\"aGk=\"}")))
                    .json().path("file_id").asText();
            awaitTerminal(stack, token, fileId);
            Http.delete(stack.apiUrl().resolve("/files/" + fileId), token);
            stack.pipe().awaitPasses(2, DEADLINE); // the REMOVE record has been read by now

            assertEquals(1, executions(dir).size(), "one INSERT of a file item, one execution");
        }
    }

    @Test
    void aProcessorThatKeepsFailingLeavesTheItemFailedThroughTheCatch(@TempDir Path dir) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LambdaFunction broken = payload -> {
            calls.incrementAndGet();
            throw new LambdaFunction.FunctionError("io.filepipe.processor.RetryableProcessingException", "S3 is throttling");
        };
        try (DevStack stack = DevStack.start(options(dir), real -> broken)) {
            String token = stack.issuer().idToken("carol");
            String fileId = upload(stack, token, "doomed.txt", "x".getBytes(StandardCharsets.UTF_8));

            JsonNode file = awaitTerminal(stack, token, fileId);

            assertEquals("FAILED", file.get("status").asText());
            assertEquals("PROCESSING_FAILED", file.at("/error/code").asText());
            assertEquals("io.filepipe.processor.RetryableProcessingException", file.at("/error/message").asText());
            assertEquals(4, calls.get(), "one call and three retries");
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
