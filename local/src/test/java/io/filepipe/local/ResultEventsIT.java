package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.filepipe.api.upload.LargeUploadLimits;
import io.filepipe.core.FileStatus;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.testsupport.ApiClient;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events pipe on the real local stack: one event per file that ended, on disk and at webhooks. */
class ResultEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static StackOptions options(Path dir) {
        return new StackOptions(dir, "127.0.0.1", 0, false, 0.001);
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("not-a-photo.txt"));
            zip.write("surprise".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Uploads {@code count} files, every third one a zip named .jpg (REJECTED), the others PNGs (PROCESSED). */
    private static Map<String, String> uploadBurst(DevStack stack, String token, int count) throws IOException {
        ApiClient api = new ApiClient(stack.apiUrl(), token);
        byte[] png = TestImages.png(16, 16);
        byte[] zip = zip();
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < count; i++) {
            boolean rejected = i % 3 == 0;
            Http.Response response = api.upload((rejected ? "archive-" : "image-") + i + (rejected ? ".jpg" : ".png"),
                    rejected ? zip : png);
            assertEquals(201, response.status(), response.body());
            expected.put(response.json().path("file_id").asText(), rejected ? "REJECTED" : "PROCESSED");
        }
        return expected;
    }

    private static List<JsonNode> events(Path dir) throws IOException {
        Path file = dir.resolve("events").resolve(LocalEventBus.EVENTS_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private static Set<String> fileIds(List<JsonNode> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.at("/detail/fileId").asText()));
        return ids;
    }

    /** The events once every file in {@code fileIds} has one, and two more passes of the events pipe saw nothing else. */
    private static List<JsonNode> awaitEvents(DevStack stack, Path dir, Set<String> fileIds) throws Exception {
        Await.untilAfter("an event for each of " + fileIds.size() + " files", DEADLINE,
                left -> stack.eventsPipe().awaitPasses(1, left), () -> fileIds(events(dir)),
                seen -> seen.containsAll(fileIds));
        stack.eventsPipe().awaitPasses(2, Await.scaled(DEADLINE));
        return events(dir);
    }

    @Test
    void aBurstOfUploadsGivesOneValidEventPerFileThatEndedAndNoneForItsIntermediateStates(@TempDir Path dir)
            throws Exception {
        try (DevStack stack = DevStack.start(options(dir))) {
            Map<String, String> expected = uploadBurst(stack, stack.issuer().idToken("alice"), 50);

            List<JsonNode> events = awaitEvents(stack, dir, expected.keySet());

            assertEquals(expected.size(), events.size(), "one event per file, none for PENDING or PROCESSING");
            JsonNode schema = JSON.readTree(PipelineDefinition.eventSchema());
            Set<String> ids = new HashSet<>();
            for (JsonNode event : events) {
                String fileId = event.at("/detail/fileId").asText();
                assertEquals(expected.get(fileId), event.at("/detail/status").asText(), event.toString());
                assertEquals(event.at("/detail/status").asText(), event.get("detail-type").asText());
                assertEquals("filepipe", event.get("source").asText());
                assertEquals(List.of(), DraftFourSubset.problems(schema, event.get("detail")), event.toString());
                ids.add(event.get("id").asText());
                ids.add(event.at("/detail/eventId").asText());
            }
            assertEquals(2 * events.size(), ids.size(), "every envelope id and every detail eventId is unique");
        }
    }

    @Test
    void eventsAreKeptInPrivateFilesOfThePrivateDataDirectory(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.start(options(dir))) {
            Map<String, String> expected = uploadBurst(stack, stack.issuer().idToken("alice"), 1);

            awaitEvents(stack, dir, expected.keySet());

            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("events"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dir.resolve("events").resolve(LocalEventBus.EVENTS_FILE))));
        }
    }

    /** A webhook answering with {@code status.applyAsInt(n)} to its n-th request (from 1), keeping each body. */
    private record Webhook(HttpServer server, List<JsonNode> received, AtomicInteger requests) implements AutoCloseable {

        static Webhook answering(IntUnaryOperator status) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            List<JsonNode> received = new CopyOnWriteArrayList<>();
            AtomicInteger requests = new AtomicInteger();
            server.createContext("/hook", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    int code = status.applyAsInt(requests.incrementAndGet());
                    if (code / 100 == 2) {
                        received.add(JSON.readTree(body));
                    }
                    exchange.sendResponseHeaders(code, -1);
                }
                exchange.close();
            });
            server.start();
            return new Webhook(server, received, requests);
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void aWebhookAnswering500IsRetriedUntilItTakesTheEvent(@TempDir Path dir) throws Exception {
        try (Webhook hook = Webhook.answering(n -> n <= 2 ? 500 : 204);
             DevStack stack = DevStack.start(options(dir).withWebhooks(List.of(hook.url())))) {
            Map<String, String> expected = uploadBurst(stack, stack.issuer().idToken("alice"), 1);
            List<JsonNode> events = awaitEvents(stack, dir, expected.keySet());

            List<JsonNode> received = Await.until("the webhook took the event", DEADLINE, hook::received,
                    r -> !r.isEmpty());

            assertEquals(events, received);
            assertEquals(3, hook.requests().get());
            assertTrue(Files.notExists(dir.resolve("events").resolve(LocalEventBus.DEAD_LETTERS_FILE)));
        }
    }

    @Test
    void anEventAWebhookKeepsRefusingGoesToTheDeadLettersAfterTheRetries(@TempDir Path dir) throws Exception {
        Path deadLetters = dir.resolve("events").resolve(LocalEventBus.DEAD_LETTERS_FILE);
        try (Webhook hook = Webhook.answering(n -> 500);
             DevStack stack = DevStack.start(options(dir).withWebhooks(List.of(hook.url())))) {
            Map<String, String> expected = uploadBurst(stack, stack.issuer().idToken("alice"), 1);
            List<JsonNode> events = awaitEvents(stack, dir, expected.keySet());

            String letters = Await.until("a dead letter", DEADLINE,
                    () -> Files.exists(deadLetters) ? Files.readString(deadLetters) : "", l -> !l.isEmpty());

            JsonNode letter = JSON.readTree(letters);
            assertEquals(hook.url().toString(), letter.get("url").asText());
            assertEquals("HTTP 500", letter.get("error").asText());
            assertEquals(events.getFirst(), letter.get("event"));
            assertEquals(LocalEventBus.WEBHOOK_ATTEMPTS, hook.requests().get());
        }
    }

    @Test
    void aRestartMidBurstLeavesEveryFileThatEndedWithAnEventAndDuplicatesWithTheSameId(@TempDir Path dir)
            throws Exception {
        // files the first stack leaves PROCESSING are the periodic reconciler's once their short lease is over
        Duration lease = Duration.ofSeconds(1);
        StackOptions options = new StackOptions(dir, "127.0.0.1", 0, false, 0.001, lease,
                new ReconcileSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 10, 1000), Duration.ofMillis(500), List.of(),
                LargeUploadLimits.DEFAULT_MAX_FILE_BYTES);
        Map<String, String> expected;
        try (DevStack stack = DevStack.start(options)) {
            expected = uploadBurst(stack, stack.issuer().idToken("alice"), 30);
        }
        try (DevStack stack = DevStack.start(options)) {
            String token = stack.issuer().idToken("alice");
            ApiClient api = new ApiClient(stack.apiUrl(), token);
            for (String fileId : expected.keySet()) {
                assertEquals(expected.get(fileId), api.awaitTerminal(fileId, DEADLINE,
                        left -> stack.pipe().awaitPasses(1, left)).get("status").asText());
            }

            List<JsonNode> events = awaitEvents(stack, dir, expected.keySet());

            Map<String, Set<String>> idsPerFile = new HashMap<>();
            Map<String, String> fileOfId = new HashMap<>();
            for (JsonNode event : events) {
                String fileId = event.at("/detail/fileId").asText();
                assertTrue(FileStatus.isTerminal(event.at("/detail/status").asText()), event.toString());
                idsPerFile.computeIfAbsent(fileId, f -> new HashSet<>()).add(event.at("/detail/eventId").asText());
                assertEquals(fileId, fileOfId.merge(event.get("id").asText(), fileId, (a, b) -> a), event.toString());
            }
            assertEquals(expected.keySet(), idsPerFile.keySet());
            idsPerFile.forEach((fileId, ids) -> assertEquals(1, ids.size(), fileId + " has events with ids " + ids));
        }
    }
}
