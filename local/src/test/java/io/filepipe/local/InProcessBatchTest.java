package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.core.ContentSniffer;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.UserId;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.emulators.Sleeper;
import io.filepipe.emulators.workflow.ExecutionResult;
import io.filepipe.emulators.workflow.LambdaFunction;
import io.filepipe.processor.FileProcessor;
import io.filepipe.processor.Handler;
import io.filepipe.processor.ProcessorConfig;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.HostileImages;
import io.filepipe.testsupport.memory.InMemoryBlobStore;
import io.filepipe.testsupport.memory.InMemoryFileStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;

/**
 * The local stack runs a batch's files the way AWS does: the workflow's Map invokes the processor
 * once per file, side by side, and the processor in this JVM serialises nothing. A file that is slow
 * to decode holds up no other file of its batch.
 */
class InProcessBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The workflow's Map runs at most this many files at once. */
    private static final int MAX_CONCURRENCY = 10;

    private final InMemoryFileStore files = new InMemoryFileStore();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore(DevStack.BUCKET);
    private final UserId user = new UserId("someone");

    @Test
    void aFileThatIsSlowToDecodeDoesNotHoldUpTheOtherFilesOfItsBatch() throws InterruptedException {
        ProcessorConfig config = new ProcessorConfig(DevStack.TABLE, DevStack.BUCKET, ProcessorConfig.DEFAULT_LEASE,
                Duration.ofSeconds(1), ProcessorConfig.DEFAULT_MAX_IMAGE_PIXELS, ProcessorConfig.DEFAULT_MAX_IMAGE_BYTES,
                ProcessorConfig.DEFAULT_MAX_IMAGE_SCANS, ProcessorConfig.DEFAULT_THUMBNAIL_SIZES, DevStack.SWEEP_SHARDS,
                AwsSettings.onAws("us-east-1"));
        LambdaFunction processor = new StreamHandlerFunction(new Handler(new FileProcessor(config, files, blobs,
                Clock.systemUTC(), new LambdaEnvironment())), "filepipe-processor");
        // as many slow files as the virtual threads running the Map's items have carriers: were their
        // decoding done on those threads, it would pin every carrier and the quick file could not run
        int slowFiles = Math.min(Runtime.getRuntime().availableProcessors(), MAX_CONCURRENCY - 1);
        byte[] slowToDecode = HostileImages.pngOfZeros(3_000, 3_000, 8_192); // 72 MB to inflate
        List<String> slowKeys = new ArrayList<>();
        for (int i = 0; i < slowFiles; i++) {
            slowKeys.add(upload("flat-" + i + ".png", slowToDecode));
        }
        String quickKey = upload("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));

        CountDownLatch slowStarted = new CountDownLatch(slowFiles);
        List<String> finished = new CopyOnWriteArrayList<>();
        LambdaFunction observed = payload -> {
            String key = payload.path("sk").asText();
            if (slowKeys.contains(key)) {
                slowStarted.countDown();
            } else {
                awaitQuietly(slowStarted); // the quick file starts only once every slow file runs
            }
            try {
                return processor.invoke(payload);
            } finally {
                finished.add(key);
            }
        };
        ArrayNode batch = JSON.createArrayNode();
        for (String key : append(slowKeys, quickKey)) {
            ObjectNode keys = batch.addObject().putObject("dynamodb").putObject("Keys");
            keys.putObject("PK").put("S", KeyScheme.partitionKey(user));
            keys.putObject("SK").put("S", key);
        }

        ExecutionResult result = DevStack.workflow(null, observed, Sleeper.REAL, null).execute("batch", batch);

        assertInstanceOf(ExecutionResult.Succeeded.class, result);
        assertEquals(quickKey, finished.getFirst(), "finished in this order: " + finished);
        assertEquals(FileStatus.PROCESSED, files.find(user, FileId.parse(quickKey.substring(5)).orElseThrow())
                .orElseThrow().status());
    }

    private static List<String> append(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(Await.scaled(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS),
                    "the slow files never all started");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Does what the upload API does; returns the item's sort key. */
    private String upload(String name, byte[] content) {
        Instant now = Instant.now();
        byte[] sha256 = sha256(content);
        FileRecord record = FileRecord.pending(user, FileId.newId(now), FileName.of(name), "", content.length,
                ContentSniffer.sniff(content).mimeType(), HexFormat.of().formatHex(sha256), now);
        blobs.put(record.s3Key(), content, record.contentType(), sha256);
        files.create(record);
        return KeyScheme.fileSortKey(record.fileId());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
