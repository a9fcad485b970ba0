package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.core.FileStatus;
import io.filepipe.testsupport.ApiClient;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.ChildProcesses;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local stack runs as its own process and is killed with SIGKILL in the middle of a burst of
 * uploads, then started again on the same data directory. Every upload that was acknowledged with
 * a 201 must end processed exactly once, and storage must be consistent: no object without its
 * item, no item without its object, one set of thumbnails per image; and each has at least one
 * result event, all of a file's events with the same id.
 */
class CrashRecoveryIT {

    private static final int UPLOADS = 200;
    private static final int KILL_AFTER_ACKS = 70;
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String USER = "crash-test";

    @Test
    void killedMidBurstAndRestartedLosesNothingAndProcessesEachFileOnce(@TempDir Path dir) throws Exception {
        byte[] image = TestImages.png(320, 240);
        Process first = startStack(dir);
        StackFile stack = awaitStack(dir, first);
        List<String> acknowledged = burstUntilKilled(stack, first, image);
        assertTrue(acknowledged.size() >= KILL_AFTER_ACKS, "acknowledged " + acknowledged.size());

        Instant restarting = Instant.now();
        Process second = startStack(dir);
        try {
            StackFile restarted = awaitStack(dir, second);
            ApiClient client = new ApiClient(restarted.api(), token(restarted));
            Map<String, Instant> finishedAt = new HashMap<>();
            for (String fileId : acknowledged) {
                JsonNode file = client.awaitTerminal(fileId, DEADLINE);
                assertEquals("PROCESSED", file.get("status").asText(), file.toString());
                assertEquals(2, file.at("/result/derived_keys").size(), file.toString());
                finishedAt.put(fileId, Instant.parse(file.get("updated_at").asText()));
            }
            int files = assertStorageConsistent(restarted, acknowledged);
            assertProcessedOnce(dir, finishedAt, restarting);
            assertEachFileHasEventsWithOneId(dir, acknowledged);
            System.out.printf("crash test: %d uploads attempted, %d acknowledged before SIGKILL, %d stored after recovery"
                    + " (the rest were never acknowledged: refused, or removed as orphans), 0 lost%n",
                    UPLOADS, acknowledged.size(), files);
        } finally {
            ChildProcesses.stop(second, Duration.ofSeconds(30));
        }
    }

    private static Process startStack(Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.filepipe.local.FilepipeLocal", "up", "--port", "0", "--data-dir", dir.toString());
        builder.environment().putAll(Map.of(
                "FILEPIPE_LEASE", "PT2S",
                "FILEPIPE_RECONCILE_EVERY", "PT1S",
                "FILEPIPE_RECONCILE_PENDING_AGE", "PT5S",
                "FILEPIPE_RECONCILE_PROCESSING_AGE", "PT3S"));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stack.out").toFile()));
        Files.createDirectories(dir);
        return builder.start();
    }

    /** Waits until this process has written stack.json and its API answers. */
    private static StackFile awaitStack(Path dir, Process process) throws Exception {
        return Await.until("the stack up (see " + dir.resolve("stack.out") + ")", Duration.ofSeconds(60), () -> {
            assertTrue(process.isAlive(), "the stack process died: see " + dir.resolve("stack.out"));
            return answering(dir, process);
        }, Optional::isPresent).orElseThrow();
    }

    /** The stack file, once this process wrote it and its API answers. */
    private static Optional<StackFile> answering(Path dir, Process process) {
        if (!Files.exists(StackFile.path(dir))) {
            return Optional.empty();
        }
        StackFile stack = StackFile.read(dir);
        if (stack.pid() != process.pid()) {
            return Optional.empty();
        }
        return Http.get(stack.api().resolve("/health"), null).status() == 200 ? Optional.of(stack) : Optional.empty();
    }

    /** The keys of the stored objects and of the file items, and whether every file item is terminal. */
    private record Storage(Set<String> objects, Set<String> itemKeys, boolean allFinished) {
        boolean settled() {
            return objects.equals(itemKeys) && allFinished;
        }
    }

    private static String token(StackFile stack) {
        return Http.get(stack.tokenUrl(USER), null).json().get("IdToken").asText();
    }

    /** Uploads from 8 threads; after KILL_AFTER_ACKS acknowledgements the stack gets SIGKILL. Returns the acknowledged ids. */
    private static List<String> burstUntilKilled(StackFile stack, Process process, byte[] image) throws Exception {
        ApiClient client = new ApiClient(stack.api(), token(stack));
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    while (next.getAndIncrement() < UPLOADS) {
                        try {
                            Http.Response reply = client.upload("img.png", image);
                            if (reply.status() == 201) {
                                acknowledged.add(reply.json().get("file_id").asText());
                                if (acknowledged.size() == KILL_AFTER_ACKS) {
                                    process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                                }
                            }
                        } catch (RuntimeException refused) {
                            // the stack is gone: this upload was never acknowledged
                        }
                    }
                    return null;
                });
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
        return new ArrayList<>(acknowledged);
    }

    /** Returns how many files are stored. */
    private static int assertStorageConsistent(StackFile stack, List<String> acknowledged) throws Exception {
        try (S3Client s3 = stack.clients().s3(); DynamoDbClient dynamo = stack.clients().dynamoDb()) {
            // the reconciler removes the objects of uploads that died before their item
            Storage storage = Await.until("storage consistent", DEADLINE, () -> storage(s3, dynamo), Storage::settled);
            Set<String> itemKeys = storage.itemKeys();
            assertEquals(itemKeys, storage.objects(), "every object has its item and every item its object");
            assertTrue(itemKeys.size() >= acknowledged.size());
            Set<String> expectedThumbnails = new HashSet<>();
            for (String key : itemKeys) { // uploads/<sub>/<fileId>/<name> -> derived/<sub>/<fileId>/thumb-<size>.png
                String folder = "derived/" + key.substring("uploads/".length(), key.lastIndexOf('/') + 1);
                expectedThumbnails.add(folder + "thumb-128.png");
                expectedThumbnails.add(folder + "thumb-512.png");
            }
            // S3Proxy's filesystem store writes <key>-<uuid> and renames it: a SIGKILL mid-write leaves that
            // temporary file, listed as an object. Real S3 PUTs are atomic, so only that exact shape is set aside.
            Set<String> thumbnails = new HashSet<>(s3.listObjectsV2Paginator(r -> r.bucket(DevStack.BUCKET)
                    .prefix("derived/")).contents().stream().map(S3Object::key)
                    .filter(key -> !isServerTempFile(key, expectedThumbnails)).toList());
            assertEquals(expectedThumbnails, thumbnails, "exactly one set of thumbnails per stored image");
            return itemKeys.size();
        }
    }

    private static Storage storage(S3Client s3, DynamoDbClient dynamo) {
        Set<String> objects = new HashSet<>(s3.listObjectsV2Paginator(r -> r.bucket(DevStack.BUCKET).prefix("uploads/"))
                .contents().stream().map(S3Object::key).toList());
        Set<String> itemKeys = new HashSet<>();
        boolean allFinished = true;
        for (var page : dynamo.scanPaginator(r -> r.tableName(DevStack.TABLE).filterExpression("#t = :file")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":file", AttributeValue.fromS("FILE"))))) {
            for (var item : page.items()) {
                itemKeys.add(item.get("s3Key").s());
                // an upload stored just before the kill, whose 201 never arrived, is processed too
                allFinished &= FileStatus.isTerminal(item.get("status").s());
            }
        }
        objects.removeIf(key -> isServerTempFile(key, itemKeys));
        return new Storage(objects, itemKeys, allFinished);
    }

    private static boolean isServerTempFile(String key, Set<String> expected) {
        int dash = key.length() - 37;
        return dash > 0 && key.charAt(dash) == '-' && expected.contains(key.substring(0, dash))
                && key.substring(dash + 1).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    /**
     * No file has two PROCESSED result lines. A file may have none only if the killed process
     * finished it: the SIGKILL can land between the item's final write and its result line.
     */
    private static void assertProcessedOnce(Path dir, Map<String, Instant> finishedAt, Instant restarting)
            throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("logs/processor.log"));
        for (Map.Entry<String, Instant> file : finishedAt.entrySet()) {
            long processed = lines.stream().filter(l -> l.contains("\"fileId\":\"" + file.getKey() + "\"")
                    && l.contains("\"status\":\"PROCESSED\"")).count();
            if (processed == 0) {
                assertTrue(file.getValue().isBefore(restarting), "no result line for " + file.getKey()
                        + ", which the restarted stack finished at " + file.getValue());
            } else {
                assertEquals(1, processed, "result lines PROCESSED for " + file.getKey());
            }
        }
    }

    /**
     * Every file has at least one event in events.jsonl (waiting for the events pipe), and a file's
     * events, redelivered across the kill, all carry one id. A line the kill tore is skipped.
     */
    private static void assertEachFileHasEventsWithOneId(Path dir, List<String> fileIds) throws Exception {
        Path file = dir.resolve("events").resolve(LocalEventBus.EVENTS_FILE);
        Map<String, Set<String>> idsPerFile = Await.until("an event for each acknowledged file", DEADLINE, () -> {
            Map<String, Set<String>> ids = new HashMap<>();
            for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
                JsonNode event;
                try {
                    event = Http.JSON.readTree(line);
                } catch (IOException torn) {
                    continue;
                }
                ids.computeIfAbsent(event.at("/detail/fileId").asText(), f -> new HashSet<>())
                        .add(event.get("id").asText() + " " + event.at("/detail/eventId").asText());
            }
            return ids;
        }, ids -> ids.keySet().containsAll(fileIds));
        for (String fileId : fileIds) {
            assertEquals(1, idsPerFile.get(fileId).size(), fileId + " has events with the ids " + idsPerFile.get(fileId));
        }
    }
}
