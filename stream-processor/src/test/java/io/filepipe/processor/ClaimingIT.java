package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.core.store.SweepShards;
import io.filepipe.testsupport.CapturedLogs;
import io.filepipe.core.FileId;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.UserId;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.testsupport.LocalClients;
import io.filepipe.testsupport.LocalPorts;
import io.filepipe.testsupport.SharedBackends;
import io.filepipe.testsupport.TestImages;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** At-least-once delivery meets at-most-once processing: redelivery, races, leases, retries. */
class ClaimingIT {

    private static ProcessorFixture fixture;
    private static CapturedLogs logs;

    @BeforeAll
    static void start() {
        fixture = ProcessorFixture.create();
        logs = CapturedLogs.start("stdout");
    }

    @AfterAll
    static void stop() {
        logs.close();
        fixture.close();
    }

    /** What the S3 adapter throws for a 503 Slow Down. */
    private static StorageUnavailable unavailable() {
        return new StorageUnavailable("S3 GetObject failed: Slow Down", null, true);
    }

    @Test
    void redeliveredRecordIsProcessedOnceWithOneSetOfThumbnails() {
        FileRef file = fixture.upload("photo.png", TestImages.png(640, 480));
        FileProcessor processor = fixture.processor();

        Outcome first = processor.process(file);
        Outcome second = processor.process(file);

        assertInstanceOf(Outcome.Processed.class, first);
        var duplicate = assertInstanceOf(Outcome.Skipped.class, second);
        assertEquals(SkipReason.DUPLICATE, duplicate.skipReason());
        assertEquals(FileStatus.PROCESSED, duplicate.itemStatus());
        assertEquals(1, fixture.item(file).attempts());
        assertEquals(2, fixture.derivedKeys(file).size());
        List<String> statuses = logs.results(file.fileId()).stream().map(line -> line.path("status").asText()).toList();
        assertEquals(List.of("PROCESSED", "SKIPPED"), statuses);
        assertEquals("DUPLICATE", logs.results(file.fileId()).get(1).path("reason").asText());
    }

    @Test
    void twoHandlersRacingOnOneItemProcessItExactlyOnce() throws Exception {
        FileRef file = fixture.upload("race.jpg", TestImages.jpeg(1600, 1200));
        List<FileProcessor> racers = List.of(fixture.processor(), fixture.processor());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (FileProcessor racer : racers) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return racer.process(file);
                }));
            }
            start.countDown();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        assertEquals(1, outcomes.stream().filter(Outcome.Processed.class::isInstance).count(), outcomes.toString());
        var loser = (Outcome.Skipped) outcomes.stream().filter(Outcome.Skipped.class::isInstance).findFirst().orElseThrow();
        assertEquals(SkipReason.DUPLICATE, loser.skipReason());
        FileRecord item = fixture.item(file);
        assertEquals(FileStatus.PROCESSED, item.status());
        assertEquals(1, item.attempts());
        assertEquals(2, fixture.derivedKeys(file).size());
    }

    @Test
    void fileWhoseItemIsGoneIsSkipped() {
        FileRef file = new FileRef(new UserId(SharedBackends.uniqueName("user")), FileId.newId(Instant.now()));

        var skipped = assertInstanceOf(Outcome.Skipped.class, fixture.processor().process(file));

        assertEquals(SkipReason.ITEM_MISSING, skipped.skipReason());
        assertNull(skipped.itemStatus());
    }

    @Test
    void liveClaimOfAnotherAttemptIsLeftAlone() {
        FileRef file = fixture.upload("busy.txt", "busy".getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        fixture.files.claim(file.userId(), file.fileId(), now, now);

        var skipped = assertInstanceOf(Outcome.Skipped.class, fixture.processor().process(file));

        assertEquals(SkipReason.DUPLICATE, skipped.skipReason());
        assertEquals(FileStatus.PROCESSING, skipped.itemStatus());
        assertEquals(1, fixture.item(file).attempts());
        assertEquals("PROCESSING", logs.result(file.fileId()).path("itemStatus").asText());
    }

    @Test
    void claimWhoseLeaseExpiredIsTakenOver() {
        FileRef file = fixture.upload("crashed.png", TestImages.png(100, 100));
        Instant crashedAt = Instant.now().minus(ProcessorConfig.DEFAULT_LEASE).minusSeconds(1);
        fixture.files.claim(file.userId(), file.fileId(), crashedAt, crashedAt);

        var processed = assertInstanceOf(Outcome.Processed.class, fixture.processor().process(file));

        assertEquals(2, processed.attempt());
        assertEquals(FileStatus.PROCESSED, fixture.item(file).status());
        assertEquals(2, fixture.item(file).attempts());
    }

    @Test
    void transientReadFailureIsRetryableAndTheRetryProceedsAtOnce() {
        FileRef file = fixture.upload("flaky.png", TestImages.png(300, 300));
        FaultyBlobStore flaky = new FaultyBlobStore(fixture.blobs).failOpens(1, ClaimingIT::unavailable);
        FileProcessor processor = fixture.processor(flaky, Clock.systemUTC());

        RetryableProcessingException e = assertThrows(RetryableProcessingException.class, () -> processor.process(file));

        assertInstanceOf(StorageUnavailable.class, e.getCause());
        FileRecord released = fixture.item(file);
        assertEquals(FileStatus.PENDING, released.status());
        assertEquals(1, released.attempts());
        assertEquals(List.of(), logs.results(file.fileId()), "no result line for an attempt that will be retried");

        var processed = assertInstanceOf(Outcome.Processed.class, processor.process(file));

        assertEquals(2, processed.attempt());
        assertEquals(FileStatus.PROCESSED, fixture.item(file).status());
    }

    @Test
    void throttledThumbnailWriteIsRetryableAndTheRetryOverwritesInsteadOfDuplicating() {
        FileRef file = fixture.upload("throttled.jpg", TestImages.jpeg(800, 600));
        // the first thumbnail lands, the second is throttled
        FaultyBlobStore throttled = new FaultyBlobStore(fixture.blobs).failPut(2, ClaimingIT::unavailable);
        FileProcessor processor = fixture.processor(throttled, Clock.systemUTC());

        assertThrows(RetryableProcessingException.class, () -> processor.process(file));
        assertEquals(FileStatus.PENDING, fixture.item(file).status());
        assertEquals(1, fixture.derivedKeys(file).size());

        assertInstanceOf(Outcome.Processed.class, processor.process(file));

        List<String> derived = fixture.item(file).result().derivedKeys();
        assertEquals(2, derived.size());
        assertEquals(derived, fixture.derivedKeys(file));
    }

    @Test
    void unreachableTableIsRetryable() throws IOException {
        int closedPort = LocalPorts.free();
        AwsSettings nowhere = AwsSettings.forEndpoints(LocalClients.REGION, URI.create("http://127.0.0.1:" + closedPort),
                URI.create("http://127.0.0.1:" + closedPort));
        try (DynamoDbClient unreachable = LocalClients.of(nowhere).dynamoDb()) {
            FileProcessor processor = new FileProcessor(fixture.config(), new DynamoDbFileStore(unreachable, fixture.table, SweepShards.DEFAULTS),
                    fixture.blobs, Clock.systemUTC(), fixture.metrics);
            FileRef file = fixture.upload("a.txt", "a".getBytes(StandardCharsets.UTF_8));

            assertThrows(RetryableProcessingException.class, () -> processor.process(file));

            assertEquals(FileStatus.PENDING, fixture.item(file).status());
        }
    }

    @Test
    void attemptOvertakenByAnotherKeepsItsHandsOffTheOutcome() {
        FileRef file = fixture.upload("slow.png", TestImages.png(400, 400));
        FaultyBlobStore takeover = new FaultyBlobStore(fixture.blobs).beforeFirstPut(() -> {
            // while this attempt works, its lease "expires" and another attempt claims the file
            Instant later = Instant.now().plus(ProcessorConfig.DEFAULT_LEASE).plusSeconds(1);
            fixture.files.claim(file.userId(), file.fileId(), later, later);
        });

        var lost = assertInstanceOf(Outcome.Skipped.class, fixture.processor(takeover, Clock.systemUTC()).process(file));

        assertEquals(SkipReason.CLAIM_LOST, lost.skipReason());
        FileRecord item = fixture.item(file);
        assertEquals(FileStatus.PROCESSING, item.status());
        assertEquals(2, item.attempts());
        assertEquals(2, fixture.derivedKeys(file).size(), "the new owner rewrites the same keys; nothing is deleted");
    }

    @Test
    void fileDeletedWhileBeingProcessedLeavesNoDerivedObjects() {
        FileRef file = fixture.upload("deleted.png", TestImages.png(400, 400));
        FaultyBlobStore deletion = new FaultyBlobStore(fixture.blobs)
                .beforeFirstPut(() -> fixture.files.delete(file.userId(), file.fileId()));

        var lost = assertInstanceOf(Outcome.Skipped.class, fixture.processor(deletion, Clock.systemUTC()).process(file));

        assertEquals(SkipReason.CLAIM_LOST, lost.skipReason());
        assertNull(lost.itemStatus());
        assertEquals(List.of(), fixture.derivedKeys(file));
        JsonNode line = logs.result(file.fileId());
        assertEquals("SKIPPED", line.path("status").asText());
        assertEquals("CLAIM_LOST", line.path("reason").asText());
    }
}
