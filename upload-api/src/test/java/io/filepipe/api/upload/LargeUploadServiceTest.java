package io.filepipe.api.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.Sha256;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.InvalidParts;
import io.filepipe.core.blob.MultipartNotFound;
import io.filepipe.core.blob.PartTag;
import io.filepipe.core.store.TooManyUploads;
import io.filepipe.core.store.UploadSession;
import io.filepipe.testsupport.ManualClock;
import io.filepipe.testsupport.memory.InMemoryBlobStore;
import io.filepipe.testsupport.memory.InMemoryFileStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Large uploads on the in-memory stores, with PUTs to the presigned URLs done by the blob store itself. */
class LargeUploadServiceTest {

    private static final int MIB = 1024 * 1024;
    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final InMemoryFileStore files = new InMemoryFileStore();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore("uploads", clock);
    private final LargeUploadService service = new LargeUploadService(blobs, files,
            new UploadService(blobs, files, clock),
            new LargeUploadLimits(64L * MIB, 2, Duration.ofHours(24), Duration.ofMinutes(15)), clock);
    private final UserId owner = new UserId("someone");

    private static byte[] bytes(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        System.arraycopy(PNG_HEAD, 0, data, 0, Math.min(PNG_HEAD.length, length));
        return data;
    }

    private static LargeUploadRequest request(byte[] data, boolean declareSha) {
        return new LargeUploadRequest(FileName.of("movie.png"), "big one", data.length,
                declareSha ? Sha256.hex(data) : null);
    }

    /** PUTs the parts of {@code data} the ticket names, in the order given, and returns their tags. */
    private List<PartTag> send(UploadTicket ticket, byte[] data, int... order) {
        List<PartTag> tags = new ArrayList<>();
        long partSize = ticket.session().partSize();
        for (int n : order) {
            UploadTicket.PartToSend part = ticket.missing().stream().filter(p -> p.partNumber() == n).findFirst()
                    .orElseThrow();
            byte[] body = Arrays.copyOfRange(data, (int) ((n - 1) * partSize), (int) ((n - 1) * partSize + part.size()));
            tags.add(new PartTag(n, blobs.receive(part.put().url(), body)));
        }
        return tags;
    }

    @Test
    void aSmallFileIsOnePresignedPutAndCompletesIntoAPendingFile() {
        byte[] data = bytes(1000);
        UploadTicket ticket = service.start(owner, request(data, true));
        List<PartTag> tags = send(ticket, data, 1);

        UploadReceipt receipt = service.complete(owner, ticket.session().uploadId(), tags);

        assertFalse(ticket.session().multipart());
        assertEquals(1, ticket.missing().size());
        assertEquals(ticket.session().fileId(), receipt.fileId());
        assertFalse(receipt.replayed());
        FileRecord item = files.find(owner, receipt.fileId()).orElseThrow();
        assertEquals(FileStatus.PENDING, item.status());
        assertEquals(1000, item.size());
        assertEquals(Sha256.hex(data), item.sha256());
        assertEquals("image/png", item.contentType());
        assertEquals("big one", item.comment());
        assertEquals(UploadSession.Status.COMPLETED, files.findUpload(owner, ticket.session().uploadId())
                .orElseThrow().status());
    }

    @Test
    void aLargeFileIsAMultipartUploadWhosePartsMayArriveInAnyOrder() {
        byte[] data = bytes(16 * MIB + 5);
        UploadTicket ticket = service.start(owner, request(data, false));
        List<PartTag> tags = send(ticket, data, 3, 1, 2);

        UploadReceipt receipt = service.complete(owner, ticket.session().uploadId(), tags);

        assertTrue(ticket.session().multipart());
        assertEquals(List.of(8L * MIB, 8L * MIB, 5L), ticket.missing().stream().map(UploadTicket.PartToSend::size).toList());
        // no checksum kept for a multipart object: the service read it once to record the SHA-256
        assertEquals(Sha256.hex(data), files.find(owner, receipt.fileId()).orElseThrow().sha256());
    }

    @Test
    void aResumeIssuesUrlsOnlyForThePartsStillMissing() {
        byte[] data = bytes(16 * MIB + 5);
        UploadTicket started = service.start(owner, request(data, true));
        List<PartTag> first = send(started, data, 2);

        UploadTicket resumed = service.status(owner, started.session().uploadId());
        List<PartTag> rest = send(resumed, data, 1, 3);
        List<PartTag> all = new ArrayList<>(first);
        all.addAll(rest);

        assertEquals(List.of(1, 3), resumed.missing().stream().map(UploadTicket.PartToSend::partNumber).toList());
        assertEquals(List.of(2), resumed.uploaded().stream().map(p -> p.partNumber()).toList());
        assertEquals(first.getFirst().etag(), resumed.uploaded().getFirst().etag());
        service.complete(owner, started.session().uploadId(), all);
        assertEquals(List.of(), service.status(owner, started.session().uploadId()).missing());
    }

    @Test
    void completingTwiceAnswersTheFirstReceiptAgain() {
        byte[] data = bytes(100);
        UploadTicket ticket = service.start(owner, request(data, true));
        List<PartTag> tags = send(ticket, data, 1);
        UploadReceipt first = service.complete(owner, ticket.session().uploadId(), tags);

        UploadReceipt second = service.complete(owner, ticket.session().uploadId(), List.of());

        assertTrue(second.replayed());
        assertEquals(first.fileId(), second.fileId());
        assertEquals(first.s3Path(), second.s3Path());
        assertEquals(1, files.list(owner, 10, null).items().size());
    }

    @Test
    void aCompletionThatFailedAfterAssemblingThePartsCanBeRepeated() {
        byte[] data = bytes(16 * MIB + 5);
        UploadTicket ticket = service.start(owner, request(data, true));
        List<PartTag> tags = send(ticket, data, 1, 2, 3);
        files.failNext(InMemoryFileStore.Operation.CREATE, () -> new StorageUnavailable("down", null, true));

        assertThrows(UploadNotStored.class, () -> service.complete(owner, ticket.session().uploadId(), tags));
        UploadReceipt retried = service.complete(owner, ticket.session().uploadId(), tags);

        assertFalse(retried.replayed());
        assertEquals(Sha256.hex(data), files.find(owner, retried.fileId()).orElseThrow().sha256());
    }

    @Test
    void aCompletionThatWroteTheItemButNotTheSessionAnswersTheFileOnARetry() {
        byte[] data = bytes(100);
        UploadTicket ticket = service.start(owner, request(data, true));
        List<PartTag> tags = send(ticket, data, 1);
        // the completion finds the session, writes the item, then fails to mark the session completed
        files.beforeNext(InMemoryFileStore.Operation.UPLOAD_SESSION, () -> { });
        files.failNext(InMemoryFileStore.Operation.UPLOAD_SESSION, () -> new StorageUnavailable("down", null, true));

        assertThrows(StorageUnavailable.class, () -> service.complete(owner, ticket.session().uploadId(), tags));
        UploadReceipt again = service.complete(owner, ticket.session().uploadId(), tags);

        assertTrue(again.replayed());
        assertEquals(ticket.session().fileId(), again.fileId());
        assertEquals(FileStatus.PENDING, files.find(owner, again.fileId()).orElseThrow().status());
        assertEquals(UploadSession.Status.COMPLETED, files.findUpload(owner, ticket.session().uploadId())
                .orElseThrow().status());
    }

    @Test
    void partsThatAreNotThePartsUploadedAreRefusedNamingThePartAndStoreNoFile() {
        byte[] data = bytes(16 * MIB + 5);
        UploadTicket ticket = service.start(owner, request(data, false));
        List<PartTag> tags = send(ticket, data, 1, 2, 3);
        String id = ticket.session().uploadId();

        String missing = assertThrows(InvalidParts.class, () -> service.complete(owner, id, tags.subList(0, 2))).getMessage();
        String twice = assertThrows(InvalidParts.class, () -> service.complete(owner, id,
                List.of(tags.get(0), tags.get(0), tags.get(1), tags.get(2)))).getMessage();
        String unknown = assertThrows(InvalidParts.class, () -> service.complete(owner, id,
                List.of(tags.get(0), tags.get(1), tags.get(2), new PartTag(4, "\"x\"")))).getMessage();
        String wrongEtag = assertThrows(InvalidParts.class, () -> service.complete(owner, id,
                List.of(tags.get(0), new PartTag(2, tags.get(0).etag()), tags.get(2)))).getMessage();

        assertTrue(missing.contains("part 3 is missing"), missing);
        assertTrue(twice.contains("part 1 is named twice"), twice);
        assertTrue(unknown.contains("part 4 does not exist"), unknown);
        assertTrue(wrongEtag.contains("part 2: the ETag does not match"), wrongEtag);
        assertEquals(List.of(), files.list(owner, 10, null).items());
        service.complete(owner, id, tags);
    }

    @Test
    void aSingleUploadCompletedBeforeItsPutIsRefused() {
        UploadTicket ticket = service.start(owner, request(bytes(100), false));

        InvalidParts refused = assertThrows(InvalidParts.class,
                () -> service.complete(owner, ticket.session().uploadId(), List.of()));

        assertEquals("part 1 was not uploaded", refused.getMessage());
    }

    @Test
    void bytesThatAreNotTheDeclaredOnesAreRefusedAndTheObjectAndSessionRemoved() {
        byte[] declared = bytes(16 * MIB + 5);
        byte[] sent = declared.clone();
        sent[sent.length - 1] ^= 1;
        UploadTicket ticket = service.start(owner, request(declared, true));
        List<PartTag> tags = send(ticket, sent, 1, 2, 3);

        assertThrows(UploadMismatch.class, () -> service.complete(owner, ticket.session().uploadId(), tags));

        assertTrue(blobs.digest(ticket.session().s3Key()).isEmpty());
        assertTrue(files.findUpload(owner, ticket.session().uploadId()).isEmpty());
        assertEquals(List.of(), files.list(owner, 10, null).items());
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeAnythingIsStarted() {
        assertThrows(PayloadTooLarge.class, () -> service.start(owner,
                new LargeUploadRequest(FileName.of("huge.bin"), "", 64L * MIB + 1, null)));
    }

    @Test
    void aUserCannotOpenMoreUploadsThanAllowedUntilOneIsAborted() {
        UploadTicket first = service.start(owner, request(bytes(100), false));
        service.start(owner, request(bytes(100), false));

        assertThrows(TooManyUploads.class, () -> service.start(owner, request(bytes(16 * MIB + 5), false)));
        service.abort(owner, first.session().uploadId());
        service.start(owner, request(bytes(100), false));
    }

    @Test
    void anExpiredUploadCanNeitherBeResumedNorCompleted() {
        byte[] data = bytes(100);
        UploadTicket ticket = service.start(owner, request(data, true));
        List<PartTag> tags = send(ticket, data, 1);

        clock.advance(Duration.ofHours(24));

        assertThrows(UploadExpired.class, () -> service.status(owner, ticket.session().uploadId()));
        assertThrows(UploadExpired.class, () -> service.complete(owner, ticket.session().uploadId(), tags));
        assertEquals(List.of(), files.list(owner, 10, null).items());
    }

    @Test
    void anotherUsersUploadIsNotFound() {
        UploadTicket ticket = service.start(owner, request(bytes(100), false));
        UserId other = new UserId("someone-else");

        assertThrows(UploadSessionNotFound.class, () -> service.status(other, ticket.session().uploadId()));
        assertThrows(UploadSessionNotFound.class, () -> service.complete(other, ticket.session().uploadId(), List.of()));
        assertThrows(UploadSessionNotFound.class, () -> service.abort(other, ticket.session().uploadId()));
        assertTrue(files.findUpload(owner, ticket.session().uploadId()).isPresent());
    }

    @Test
    void anAbortedUploadTakesNoMorePartsAndCannotBeCompleted() {
        byte[] data = bytes(16 * MIB + 5);
        UploadTicket ticket = service.start(owner, request(data, false));
        List<PartTag> tags = send(ticket, data, 1);

        service.abort(owner, ticket.session().uploadId());

        assertThrows(MultipartNotFound.class, () -> send(ticket, data, 2));
        assertThrows(UploadSessionNotFound.class, () -> service.complete(owner, ticket.session().uploadId(), tags));
        assertThrows(UploadSessionNotFound.class, () -> service.abort(owner, ticket.session().uploadId()));
    }

    @Test
    void aCommentAndNameFollowTheRulesOfTheBodyUpload() {
        LargeUploadRequestParser parser = new LargeUploadRequestParser(UploadLimits.defaults());

        LargeUploadRequest parsed = parser.start(new ByteArrayInputStream(
                "{\"file_name\":\"a.bin\",\"size\":5,\"sha256\":\"ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        InvalidUpload badName = assertThrows(InvalidUpload.class, () -> parser.start(new ByteArrayInputStream(
                "{\"file_name\":\"../x\",\"size\":5}".getBytes(StandardCharsets.UTF_8))));
        InvalidUpload noSize = assertThrows(InvalidUpload.class, () -> parser.start(new ByteArrayInputStream(
                "{\"file_name\":\"a.bin\",\"size\":0}".getBytes(StandardCharsets.UTF_8))));

        assertEquals("", parsed.comment());
        assertEquals("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", parsed.sha256());
        assertEquals(InvalidUpload.Kind.INVALID_FILE_NAME, badName.kind());
        assertEquals("size", noSize.field());
    }
}
