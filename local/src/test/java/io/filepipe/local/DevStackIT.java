package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.emulators.workflow.LambdaFunction;
import io.filepipe.testsupport.ApiClient;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import io.filepipe.core.Sha256;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    /** The executions' histories once there are {@code count}: a history is written when its execution ends, after the file's last update. */
    private static List<Path> awaitExecutions(DevStack stack, Path dir, int count) throws Exception {
        return Await.untilAfter(count + " execution histories", DEADLINE, left -> stack.pipe().awaitPasses(1, left),
                () -> executions(dir), written -> written.size() >= count);
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
    void aLargeFileSentInPartsStraightToTheBucketIsProcessedAndDownloadsAsTheSameBytes(@TempDir Path dir)
            throws Exception {
        try (DevStack stack = DevStack.start(options(dir))) {
            String token = stack.issuer().idToken("alice");
            byte[] data = new byte[16 * 1024 * 1024 + 100];
            new Random(13).nextBytes(data);
            JsonNode ticket = Http.postJson(stack.apiUrl().resolve("/uploads"), token, Http.write(Map.of(
                    "file_name", "archive.bin", "size", data.length, "sha256", Sha256.hex(data)))).json();
            long partSize = ticket.get("part_size").asLong();
            List<Map<String, Object>> parts = new ArrayList<>();
            for (JsonNode part : ticket.get("parts")) {
                int n = part.get("part_number").asInt();
                HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(part.get("url").asText()))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(data, (int) ((n - 1) * partSize),
                                (int) part.get("size").asLong()));
                ticket.get("headers").properties().forEach(h -> put.header(h.getKey(), h.getValue().asText()));
                Http.Response response = Http.send(put);
                assertEquals(200, response.status(), response.body());
                parts.add(Map.of("part_number", n, "etag", response.header("ETag")));
            }

            Http.Response completed = Http.postJson(stack.apiUrl().resolve("/uploads/"
                    + ticket.get("upload_id").asText() + "/complete"), token, Http.write(Map.of("parts", parts)));
            String fileId = completed.json().path("file_id").asText();
            JsonNode file = awaitTerminal(stack, token, fileId);
            Http.Response content = Http.get(URI.create(
                    Http.get(stack.apiUrl().resolve("/files/" + fileId + "/content"), token).header("Location")), null);

            assertEquals(201, completed.status(), completed.body());
            assertEquals(3, ticket.get("parts").size());
            assertEquals("PROCESSED", file.get("status").asText(), file.toString());
            assertEquals(Sha256.hex(data), file.get("sha256").asText());
            assertTrue(Arrays.equals(data, content.bytes()), "the same bytes come back");
            assertEquals(1, awaitExecutions(stack, dir, 1).size(), "the session item started no execution");
        }
    }

    @Test
    void theDataDirectoryAndEveryFileTheStackWritesAreReadableByTheOwnerOnly(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("data");
        try (DevStack stack = DevStack.start(options(dir))) {
            String token = stack.issuer().idToken("frank");
            awaitTerminal(stack, token, upload(stack, token, "private.txt", "mine".getBytes(StandardCharsets.UTF_8)));
            // the first pass after the file's batch finished checkpoints it (creating pipe/)
            Await.untilAfter("the pipe's checkpoint", DEADLINE, left -> stack.pipe().awaitPasses(1, left),
                    () -> Files.exists(dir.resolve("pipe/checkpoints.json")), written -> written);

            List<Path> directories = List.of(dir, dir.resolve("dynamodb"), dir.resolve("s3"), dir.resolve("logs"),
                    dir.resolve("pipe"), dir.resolve("executions"));
            for (Path directory : directories) {
                assertEquals("rwx------", permissions(directory), directory.toString());
            }
            List<Path> files = new ArrayList<>(List.of(StackFile.path(dir), dir.resolve("signing-key.json"),
                    dir.resolve(DataDirLock.NAME), dir.resolve("pipe/checkpoints.json"), dir.resolve("logs/processor.log"),
                    dir.resolve("logs/requests.log")));
            files.addAll(executions(dir));
            assertEquals(7, files.size(), files.toString());
            for (Path file : files) {
                assertEquals("rw-------", permissions(file), file.toString());
            }
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void anExecutionHistoryNamesTheItemsKeysAndStatesButNoFileNameOrComment(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.start(options(dir))) {
            String token = stack.issuer().idToken("gina");
            String body = Http.uploadBody("diary-of-gina.txt", "my secret plans", "dear diary".getBytes(StandardCharsets.UTF_8));
            String fileId = Http.postJson(stack.apiUrl().resolve("/upload"), token, body).json().path("file_id").asText();
            awaitTerminal(stack, token, fileId);

            String text = Files.readString(awaitExecutions(stack, dir, 1).getFirst());
            JsonNode history = Http.parse(text);

            assertFalse(text.contains("diary-of-gina") || text.contains("secret"), text);
            assertEquals("FILE#" + fileId, history.at("/inputSummary/0/dynamodb/Keys/SK/S").asText(), text);
            assertEquals("INSERT", history.at("/inputSummary/0/eventName").asText(), text);
            assertEquals("SUCCEEDED", history.get("status").asText());
            List<String> entered = new ArrayList<>();
            history.get("events").forEach(e -> {
                if (e.get("type").asText().equals("StateEntered")) {
                    entered.add(e.get("state").asText());
                }
            });
            assertEquals(List.of("ProcessFiles", "ProcessFile"), entered);
        }
    }

    @Test
    void aTokenIssuedBeforeARestartIsAcceptedAfterIt(@TempDir Path dir) throws Exception {
        String token;
        String fileId;
        try (DevStack stack = DevStack.start(options(dir))) {
            token = stack.issuer().idToken("hank");
            fileId = upload(stack, token, "kept.txt", "kept".getBytes(StandardCharsets.UTF_8));
        }
        try (DevStack stack = DevStack.start(options(dir))) {
            Http.Response response = Http.get(stack.apiUrl().resolve("/files/" + fileId), token);

            assertEquals(200, response.status(), response.body());
        }
    }

    @Test
    void aSecondUpOnTheDataDirectoryOfARunningStackIsRefusedAndLeavesItsStackFile(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.start(options(dir))) {
            StackFile running = StackFile.read(dir);
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int status = FilepipeLocal.run(new String[] {"up", "--port", "0", "--data-dir", dir.toString()},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertEquals(1, status);
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("filepipe-local: data dir " + dir + " in use by PID "
                    + ProcessHandle.current().pid()), err.toString(StandardCharsets.UTF_8));
            assertEquals(running, StackFile.read(dir));
        }
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
