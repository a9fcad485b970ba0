package io.filepipe.testsupport.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.store.SweepShards;
import io.filepipe.testsupport.SharedBackends;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.reconcile.ReconcileReport;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.core.reconcile.Reconciler;
import io.filepipe.core.reconcile.Redrive;
import io.filepipe.core.reconcile.RedriveBatch;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.StatusTransition;
import io.filepipe.core.store.UploadSession;
import io.filepipe.core.blob.PresignedPut;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The reconciler on DynamoDB Local and an S3 server: what it re-drives, what it leaves, what it reports. */
class ReconcilerIT {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00.000Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofHours(2));
    private static final ReconcileSettings SETTINGS = new ReconcileSettings(Duration.ofMinutes(15), Duration.ofMinutes(20), 2, 100);

    private DynamoDbClient dynamo;
    private String table;
    private FileStore files;
    private BlobStore blobs;
    private final UserId user = new UserId(SharedBackends.uniqueName("user"));

    @BeforeEach
    void freshTableAndBucket() {
        AwsClients clients = Backend.LOCAL.clients();
        dynamo = clients.dynamoDb();
        S3Client s3 = clients.s3();
        table = SharedBackends.uniqueName("reconcile");
        String bucket = SharedBackends.uniqueName("reconcile");
        FileTable.createIfMissing(dynamo, table);
        s3.createBucket(r -> r.bucket(bucket));
        files = new DynamoDbFileStore(dynamo, table, SweepShards.DEFAULTS);
        blobs = new S3BlobStore(s3, clients.s3Presigner(), bucket);
    }

    private FileRecord file(Instant createdAt) {
        FileRecord record = FileRecord.pending(user, FileId.newId(createdAt), FileName.of("f.txt"), "", 1,
                "text/plain", "00", createdAt);
        files.create(record);
        return record;
    }

    private Reconciler reconciler(Redrive redrive) {
        return new Reconciler(files, blobs, redrive, Clock.fixed(NOW, ZoneOffset.UTC), SETTINGS);
    }

    private static Set<FileId> ids(List<RedriveBatch> batches) {
        return batches.stream().flatMap(b -> b.files().stream()).map(f -> f.fileId()).collect(Collectors.toSet());
    }

    @Test
    void redrivesOldPendingAndAbandonedProcessingFilesOnly() {
        FileRecord oldPending = file(LONG_AGO);
        FileRecord abandoned = file(LONG_AGO);
        files.claim(user, abandoned.fileId(), LONG_AGO.plusSeconds(1), LONG_AGO);
        FileRecord freshPending = file(NOW.minusSeconds(60));
        FileRecord working = file(LONG_AGO);
        files.claim(user, working.fileId(), NOW.minusSeconds(30), NOW.minusSeconds(31));
        FileRecord finished = file(LONG_AGO);
        files.claim(user, finished.fileId(), LONG_AGO.plusSeconds(1), LONG_AGO);
        files.transition(StatusTransition.finish(user, finished.fileId(), 1, FileStatus.PROCESSED, LONG_AGO.plusSeconds(2),
                new ProcessingResult("text/plain", null, null, List.of(), 1, false), null));
        List<RedriveBatch> batches = new ArrayList<>();

        ReconcileReport report = reconciler(batches::add).run();

        assertEquals(Set.of(oldPending.fileId(), abandoned.fileId()), ids(batches));
        assertEquals(1, report.stuckPending());
        assertEquals(1, report.stuckProcessing());
        assertEquals(2, report.redriven());
        assertTrue(!ids(batches).contains(freshPending.fileId()) && !ids(batches).contains(working.fileId()));
    }

    @Test
    void batchesHoldAtMostTheBatchSizeAndLookLikePipeRecords() {
        for (int i = 0; i < 5; i++) {
            file(LONG_AGO.plusSeconds(i));
        }
        List<RedriveBatch> batches = new ArrayList<>();

        reconciler(batches::add).run();

        assertEquals(List.of(2, 2, 1), batches.stream().map(b -> b.files().size()).toList());
        var record = batches.getFirst().toJson().get(0);
        assertEquals("INSERT", record.get("eventName").asText());
        assertEquals("USER#" + user.value(), record.at("/dynamodb/Keys/PK/S").asText());
        assertTrue(record.at("/dynamodb/Keys/SK/S").asText().startsWith("FILE#"));
    }

    @Test
    void aFailedRedriveIsReportedAndTheOthersStillRun() {
        file(LONG_AGO);
        file(LONG_AGO.plusSeconds(1));
        file(LONG_AGO.plusSeconds(2));
        List<RedriveBatch> started = new ArrayList<>();

        ReconcileReport report = reconciler(batch -> {
            if (started.isEmpty()) {
                started.add(null);
                throw new IllegalStateException("workflow unavailable");
            }
            started.add(batch);
        }).run();

        assertEquals(1, report.failedBatches().size());
        assertEquals(1, report.redriven());
    }

    @Test
    void removesAndReportsUploadedObjectsThatHaveNoItem() throws Exception {
        FileRecord kept = file(LONG_AGO);
        byte[] data = {1};
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
        blobs.put(kept.s3Key(), data, "text/plain", sha);
        String orphan = "uploads/" + user.value() + "/" + FileId.newId(LONG_AGO) + "/lost.txt";
        blobs.put(orphan, data, "text/plain", sha);

        ReconcileReport report = new Reconciler(files, blobs, batch -> { },
                Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC), SETTINGS).run();

        assertEquals(List.of(orphan), report.orphanedObjects());
        assertTrue(blobs.head(orphan).isEmpty());
        assertTrue(blobs.head(kept.s3Key()).isPresent());
    }

    private UploadSession session(boolean multipart, Instant expiresAt) {
        FileId fileId = FileId.newId(expiresAt.minus(Duration.ofDays(1)));
        String key = KeyScheme.objectKey(user, fileId, FileName.of("big.bin"));
        UploadSession session = new UploadSession(fileId.value(), user, fileId, "big.bin", "", 100, null, 100, 1,
                multipart ? blobs.startMultipart(key, "application/octet-stream") : null, key, expiresAt.minus(Duration.ofDays(1)),
                expiresAt, UploadSession.Status.OPEN);
        files.createUpload(session, 10, expiresAt.minus(Duration.ofDays(1)));
        return session;
    }

    private static void put(PresignedPut put, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(put.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        put.headers().forEach(request::header);
        assertEquals(200, HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void abortsAndRemovesExpiredUploadsButKeepsLiveOnesAndTheirObjects() throws Exception {
        // the table's TTL runs on the real clock, so these sessions live near the real time
        Instant now = Instant.now();
        byte[] data = new byte[100];
        Instant expiredAt = now.minus(Duration.ofMinutes(1));
        UploadSession multipart = session(true, expiredAt);
        put(blobs.presignPart(multipart.s3Key(), multipart.multipartId(), 1, data.length, Duration.ofMinutes(5)), data);
        UploadSession single = session(false, expiredAt);
        put(blobs.presignPut(single.s3Key(), data.length, null, Duration.ofMinutes(5)), data);
        UploadSession live = session(false, now.plus(Duration.ofHours(2)));
        put(blobs.presignPut(live.s3Key(), data.length, null, Duration.ofMinutes(5)), data);

        // an hour on, every object is old enough to be an orphan were it not for its session
        ReconcileReport report = new Reconciler(files, blobs, batch -> { },
                Clock.fixed(now.plus(Duration.ofHours(1)), ZoneOffset.UTC), SETTINGS).run();

        assertEquals(Set.of(multipart.uploadId(), single.uploadId()), Set.copyOf(report.expiredUploads()));
        assertTrue(files.findUpload(user, multipart.uploadId()).isEmpty());
        assertTrue(files.findUpload(user, single.uploadId()).isEmpty());
        assertTrue(blobs.uploadedParts(multipart.s3Key(), multipart.multipartId()).isEmpty(), "parts dropped");
        assertTrue(blobs.head(single.s3Key()).isEmpty());
        assertTrue(files.findUpload(user, live.uploadId()).isPresent());
        assertTrue(blobs.head(live.s3Key()).isPresent(), "a live session's object is no orphan");
        assertEquals(List.of(), report.orphanedObjects());
    }

    @Test
    void successiveRunsInNewProcessesGoOnWhereTheLastStoppedAndCoverTheWholeBucket() throws Exception {
        byte[] data = {1};
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
        // objects with items sort first (user "a…"), orphans after them (user "z…"): a scan that
        // always began at the first key would look at the kept objects only, run after run
        UserId first = new UserId("a" + user.value());
        UserId last = new UserId("z" + user.value());
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            FileRecord kept = FileRecord.pending(first, FileId.newId(LONG_AGO), FileName.of("kept.txt"), "", 1,
                    "text/plain", "00", LONG_AGO);
            files.create(kept);
            blobs.put(kept.s3Key(), data, "text/plain", sha);
            String orphan = "uploads/" + last.value() + "/" + FileId.newId(LONG_AGO) + "/lost.txt";
            blobs.put(orphan, data, "text/plain", sha);
            orphans.add(orphan);
        }
        // 10 objects, 4 looked at per run: three runs cover the bucket, the third wrapping around
        ReconcileSettings fourPerRun = new ReconcileSettings(SETTINGS.pendingAge(), SETTINGS.processingAge(), 2, 4);

        List<String> removed = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            // each run is a new process, as a Lambda's execution environments come and go: nothing in memory
            Reconciler reconciler = new Reconciler(new DynamoDbFileStore(dynamo, table, SweepShards.DEFAULTS), blobs, batch -> { },
                    Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC), fourPerRun);
            List<String> found = reconciler.run().orphanedObjects();
            assertTrue(found.size() <= 4, "one run looks at 4 objects: " + found);
            removed.addAll(found);
        }

        assertEquals(Set.copyOf(orphans), Set.copyOf(removed), "every orphan found once");
        assertEquals(orphans.size(), removed.size());
        assertEquals(5, blobs.list(KeyScheme.UPLOADS_PREFIX, null, 100).size(), "the objects with items stay");
    }
}
