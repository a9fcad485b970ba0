package io.filepipe.testsupport.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.FileError;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Page;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.ShareId;
import io.filepipe.core.ShareLink;
import io.filepipe.core.UserId;
import io.filepipe.core.store.ClaimOutcome;
import io.filepipe.core.store.CreateOutcome;
import io.filepipe.core.store.FileAlreadyExists;
import io.filepipe.core.store.FileNotShareable;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.IdempotencyKey;
import io.filepipe.core.store.IdempotencyRecord;
import io.filepipe.core.store.InvalidCursor;
import io.filepipe.core.store.ScanPosition;
import io.filepipe.core.store.StaleTransition;
import io.filepipe.core.store.StatusTransition;
import io.filepipe.core.store.TooManyUploads;
import io.filepipe.core.store.UnfinishedFile;
import io.filepipe.core.store.UploadSession;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FileStore} promises. A subclass supplies the store; the tests isolate
 * themselves by user, so one store may serve all of them (and may hold other data).
 */
public abstract class FileStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00.000Z");

    /** The store under test; may be the same instance for every test. */
    protected abstract FileStore store();

    private static FileRecord pending(UserId user, Instant at) {
        return FileRecord.pending(user, FileId.newId(at), FileName.of("photo.jpg"), "a comment",
                3, "image/jpeg", "ab".repeat(32), at);
    }

    private static UserId newUser() {
        return new UserId("user-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private List<FileId> unfinishedOf(UserId user, FileStatus status, Instant updatedBefore) {
        return store().unfinished(status, updatedBefore, 1000).stream()
                .filter(f -> f.userId().equals(user)).map(UnfinishedFile::fileId).toList();
    }

    @Test
    void createdRecordReadsBackEqual() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);
        assertEquals(Optional.of(record), store().find(record.userId(), record.fileId()));
    }

    @Test
    void createNeverOverwrites() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);
        assertThrows(FileAlreadyExists.class, () -> store().create(record));
    }

    @Test
    void findIsScopedToTheOwner() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);
        assertEquals(Optional.empty(), store().find(newUser(), record.fileId()));
    }

    @Test
    void listPagesThroughAUsersFilesNewestFirst() {
        UserId user = newUser();
        List<FileId> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            FileRecord record = pending(user, T0.plusSeconds(i));
            store().create(record);
            created.add(0, record.fileId());
        }
        store().create(pending(newUser(), T0)); // another user's file never shows up

        List<FileId> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<FileRecord> page = store().list(user, 2, cursor);
            page.items().forEach(r -> seen.add(r.fileId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertEquals(created, seen);
        assertEquals(3, pages);
    }

    @Test
    void lastFullPageHasNoCursor() {
        UserId user = newUser();
        store().create(pending(user, T0));
        store().create(pending(user, T0.plusSeconds(1)));
        assertNull(store().list(user, 2, null).nextCursor());
    }

    @Test
    void forgedCursorIsRejected() {
        assertThrows(InvalidCursor.class, () -> store().list(newUser(), 10, "not-a-cursor!"));
        assertThrows(InvalidCursor.class, () -> store().list(newUser(), 10, "Li4vLi4v"));
    }

    @Test
    void claimMovesPendingToProcessingAndCountsTheAttempt() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);

        ClaimOutcome outcome = store().claim(record.userId(), record.fileId(), T0.plusSeconds(1), T0);

        FileRecord claimed = assertInstanceOf(ClaimOutcome.Claimed.class, outcome).record();
        assertEquals(FileStatus.PROCESSING, claimed.status());
        assertEquals(1, claimed.attempts());
        assertEquals(T0.plusSeconds(1), claimed.updatedAt());
    }

    @Test
    void liveClaimCannotBeTakenButAnExpiredOneCan() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);
        store().claim(record.userId(), record.fileId(), T0, T0.minusSeconds(60));

        ClaimOutcome whileLive = store().claim(record.userId(), record.fileId(), T0.plusSeconds(10), T0.minusSeconds(50));
        ClaimOutcome afterLease = store().claim(record.userId(), record.fileId(), T0.plusSeconds(120), T0.plusSeconds(60));

        assertEquals(FileStatus.PROCESSING,
                assertInstanceOf(ClaimOutcome.NotClaimable.class, whileLive).current().status());
        assertEquals(2, assertInstanceOf(ClaimOutcome.Claimed.class, afterLease).record().attempts());
    }

    @Test
    void claimOfAMissingItemSaysSo() {
        assertInstanceOf(ClaimOutcome.Missing.class,
                store().claim(newUser(), FileId.newId(T0), T0, T0));
    }

    @Test
    void finishWritesResultAndMakesTheFileTerminal() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);
        store().claim(record.userId(), record.fileId(), T0, T0);
        ProcessingResult result = new ProcessingResult("image/png", 640, 480,
                List.of("derived/x/thumb-128.png"), 42, true);

        FileRecord done = store().transition(StatusTransition.finish(record.userId(), record.fileId(), 1,
                FileStatus.PROCESSED, T0.plusSeconds(2), result, null));

        assertEquals(FileStatus.PROCESSED, done.status());
        assertEquals(result, done.result());
        assertEquals(Optional.of(done), store().find(record.userId(), record.fileId()));
        assertInstanceOf(ClaimOutcome.NotClaimable.class,
                store().claim(record.userId(), record.fileId(), T0.plusSeconds(999), T0.plusSeconds(998)));
    }

    @Test
    void transitionFromTheWrongStateIsStaleAndChangesNothing() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);

        StaleTransition stale = assertThrows(StaleTransition.class, () -> store().transition(StatusTransition.finish(
                record.userId(), record.fileId(), 1, FileStatus.FAILED, T0, null, new FileError("X", "x"))));

        assertEquals(FileStatus.PENDING, stale.current().orElseThrow().status());
        assertEquals(Optional.of(record), store().find(record.userId(), record.fileId()));
    }

    @Test
    void anAttemptWhoseLeaseWasTakenOverCannotFinish() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);
        store().claim(record.userId(), record.fileId(), T0, T0);
        store().claim(record.userId(), record.fileId(), T0.plusSeconds(600), T0.plusSeconds(300));

        assertThrows(StaleTransition.class, () -> store().transition(StatusTransition.finish(record.userId(),
                record.fileId(), 1, FileStatus.FAILED, T0.plusSeconds(601), null, new FileError("X", "x"))));
        assertEquals(FileStatus.PROCESSED, store().transition(StatusTransition.finish(record.userId(), record.fileId(), 2,
                FileStatus.PROCESSED, T0.plusSeconds(602), new ProcessingResult("text/plain", null, null,
                        List.of(), 1, false), null)).status());
    }

    @Test
    void aResultSayingWhyAnImageHasNoThumbnailIsKept() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);
        store().claim(record.userId(), record.fileId(), T0, T0);
        ProcessingResult result = new ProcessingResult("image/png", 40_000, 20_000, List.of(), 9, false,
                "the image file is 40000000 bytes, above the decode budget of 33554432 bytes: no thumbnail");

        FileRecord done = store().transition(StatusTransition.finish(record.userId(), record.fileId(), 1,
                FileStatus.PROCESSED, T0.plusSeconds(2), result, null));

        assertEquals(result, done.result());
        assertEquals(Optional.of(done), store().find(record.userId(), record.fileId()));
    }

    @Test
    void releaseHandsTheClaimBackOnlyForTheAttemptHoldingIt() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);
        store().claim(record.userId(), record.fileId(), T0, T0);

        assertThrows(StaleTransition.class, () -> store().transition(
                StatusTransition.release(record.userId(), record.fileId(), 7, T0.plusSeconds(1))));
        FileRecord released = store().transition(
                StatusTransition.release(record.userId(), record.fileId(), 1, T0.plusSeconds(1)));

        assertEquals(FileStatus.PENDING, released.status());
        assertEquals(2, assertInstanceOf(ClaimOutcome.Claimed.class,
                store().claim(record.userId(), record.fileId(), T0.plusSeconds(2), T0)).record().attempts());
    }

    @Test
    void transitionOfAMissingItemIsStaleWithNoCurrentRecord() {
        StaleTransition stale = assertThrows(StaleTransition.class, () -> store().transition(new StatusTransition(
                newUser(), FileId.newId(T0), FileStatus.PENDING, FileStatus.FAILED, T0, null, null, null)));
        assertTrue(stale.current().isEmpty());
    }

    @Test
    void deleteReturnsTheItemOnceAndThenNothing() {
        FileRecord record = pending(newUser(), T0);
        store().create(record);
        assertEquals(Optional.of(record), store().delete(record.userId(), record.fileId()));
        assertEquals(Optional.empty(), store().delete(record.userId(), record.fileId()));
        assertEquals(Optional.empty(), store().find(record.userId(), record.fileId()));
    }

    @Test
    void idempotentCreateWritesOnceAndReplaysTheFirstOutcome() {
        UserId user = newUser();
        IdempotencyKey key = IdempotencyKey.of("client-key-1", "fingerprint-1");
        FileRecord first = pending(user, T0);
        FileRecord second = pending(user, T0.plusSeconds(1));

        CreateOutcome a = store().create(first, key, T0);
        CreateOutcome b = store().create(second, key, T0.plusSeconds(1));

        assertInstanceOf(CreateOutcome.Created.class, a);
        IdempotencyRecord replay = assertInstanceOf(CreateOutcome.Replayed.class, b).first();
        assertEquals(first.fileId(), replay.fileId());
        assertEquals("fingerprint-1", replay.requestFingerprint());
        assertEquals(Optional.empty(), store().find(user, second.fileId()));
        assertEquals(1, store().list(user, 10, null).items().size());
    }

    @Test
    void idempotencyKeysArePerUserAndExpire() {
        IdempotencyKey key = IdempotencyKey.of("shared-key", "f");
        UserId alice = newUser();
        store().create(pending(alice, T0), key, T0);

        assertInstanceOf(CreateOutcome.Created.class, store().create(pending(newUser(), T0), key, T0));
        Instant afterTtl = T0.plus(FileStore.IDEMPOTENCY_TTL).plus(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), store().findIdempotency(alice, key.keyHash(), afterTtl));
        assertInstanceOf(CreateOutcome.Created.class, store().create(pending(alice, afterTtl), key, afterTtl));
    }

    @Test
    void idempotentCreateOfATakenFileKeyWritesNothing() {
        UserId user = newUser();
        FileRecord record = pending(user, T0);
        store().create(record);
        IdempotencyKey key = IdempotencyKey.of("fresh-key", "f");

        assertThrows(FileAlreadyExists.class, () -> store().create(record, key, T0));

        assertEquals(Optional.empty(), store().findIdempotency(user, key.keyHash(), T0));
    }

    @Test
    void unfinishedListsTheFilesOfAStatusLastUpdatedBeforeTheCutoffOldestFirst() {
        UserId user = newUser();
        FileRecord older = pending(user, T0);
        FileRecord newer = pending(user, T0.plusSeconds(1));
        FileRecord tooRecent = pending(user, T0.plusSeconds(5));
        FileRecord claimed = pending(user, T0);
        for (FileRecord record : List.of(newer, tooRecent, older, claimed)) {
            store().create(record);
        }
        store().claim(user, claimed.fileId(), T0.plusSeconds(2), T0);

        assertEquals(List.of(older.fileId(), newer.fileId()), unfinishedOf(user, FileStatus.PENDING, T0.plusSeconds(3)));
        assertEquals(List.of(claimed.fileId()), unfinishedOf(user, FileStatus.PROCESSING, T0.plusSeconds(3)));
        assertEquals(List.of(), unfinishedOf(user, FileStatus.PROCESSING, T0.plusSeconds(2)));
    }

    @Test
    void unfinishedReturnsAtMostTheMaximum() {
        UserId user = newUser();
        store().create(pending(user, T0));
        store().create(pending(user, T0));

        assertEquals(1, store().unfinished(FileStatus.PENDING, T0.plusSeconds(1), 1).size());
    }

    @Test
    void unfinishedReturnsTheOldestFilesFirstWhereverTheyAreIndexed() {
        UserId user = newUser();
        // a day before every other test's files, so these are the oldest in a shared store
        Instant start = T0.minus(Duration.ofDays(1));
        List<FileRecord> files = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            files.add(pending(user, start.plusSeconds(i)));
        }
        List<FileRecord> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(17));
        shuffled.forEach(store()::create);

        List<FileId> oldest = store().unfinished(FileStatus.PENDING, start.plusSeconds(40), 5).stream()
                .map(UnfinishedFile::fileId).toList();

        assertEquals(files.subList(0, 5).stream().map(FileRecord::fileId).toList(), oldest);
    }

    @Test
    void finishedFilesLeaveTheSweep() {
        UserId user = newUser();
        FileRecord record = pending(user, T0);
        store().create(record);
        store().claim(user, record.fileId(), T0.plusSeconds(1), T0);
        assertEquals(List.of(record.fileId()), unfinishedOf(user, FileStatus.PROCESSING, T0.plusSeconds(10)));

        store().transition(StatusTransition.finish(user, record.fileId(), 1, FileStatus.FAILED, T0.plusSeconds(2),
                null, new FileError("X", "x")));

        assertEquals(List.of(), unfinishedOf(user, FileStatus.PROCESSING, T0.plusSeconds(10)));
        assertEquals(List.of(), unfinishedOf(user, FileStatus.PENDING, T0.plusSeconds(10)));
    }

    @Test
    void finishedFilesCannotBeAskedFor() {
        assertThrows(IllegalArgumentException.class, () -> store().unfinished(FileStatus.PROCESSED, T0, 10));
    }

    // the orphan scan position is one item per store: these tests start from whatever it is

    @Test
    void theOrphanScanMovesOnlyFromThePositionLastReadSoARacingRunCannotSetItBack() {
        ScanPosition read = store().orphanScanPosition();
        String key = "uploads/" + newUser().value() + "/f/a.txt";

        assertTrue(store().moveOrphanScan(read, key));
        ScanPosition moved = store().orphanScanPosition();
        assertEquals(key, moved.afterKey());
        assertTrue(moved.revision() > read.revision());

        assertFalse(store().moveOrphanScan(read, "uploads/0-behind"), "a run that read the old position lost the race");
        assertEquals(moved, store().orphanScanPosition());
    }

    @Test
    void theOrphanScanGoesBackToTheFirstKeyAtTheEndOfTheBucket() {
        ScanPosition read = store().orphanScanPosition();
        store().moveOrphanScan(read, "uploads/" + newUser().value() + "/f/a.txt");
        ScanPosition atSomeKey = store().orphanScanPosition();

        assertTrue(store().moveOrphanScan(atSomeKey, null));

        ScanPosition wrapped = store().orphanScanPosition();
        assertNull(wrapped.afterKey());
        assertTrue(wrapped.revision() > atSomeKey.revision());
        assertFalse(store().moveOrphanScan(ScanPosition.START, "uploads/z"), "the first move was long ago");
    }

    /** Upload sessions are stamped near the real time: the table's TTL removes items by the real clock. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static UploadSession openUpload(UserId user, Instant createdAt, Instant expiresAt) {
        FileId fileId = FileId.newId(createdAt);
        return new UploadSession(fileId.value(), user, fileId, "video.mp4", "big", 20_000_000L, "cd".repeat(32),
                8_388_608L, 3, "multipart-" + fileId.value(),
                KeyScheme.objectKey(user, fileId, FileName.of("video.mp4")), createdAt, expiresAt,
                UploadSession.Status.OPEN);
    }

    @Test
    void anUploadSessionIsStoredAndFoundAsCreated() {
        UserId user = newUser();
        UploadSession session = openUpload(user, NOW, NOW.plus(Duration.ofHours(24)));

        store().createUpload(session, 10, NOW);

        assertEquals(Optional.of(session), store().findUpload(user, session.uploadId()));
        assertEquals(Optional.empty(), store().findUpload(newUser(), session.uploadId()), "another user's id");
    }

    @Test
    void aUserCannotOpenMoreUploadsThanTheLimitButExpiredAndCompletedOnesDoNotCount() {
        UserId user = newUser();
        UploadSession completed = openUpload(user, NOW, NOW.plus(Duration.ofHours(1)));
        store().createUpload(completed, 2, NOW);
        store().completeUpload(user, completed.uploadId());
        store().createUpload(openUpload(user, NOW, NOW.plus(Duration.ofMinutes(30))), 2, NOW);
        store().createUpload(openUpload(user, NOW, NOW.plus(Duration.ofHours(1))), 2, NOW);

        assertThrows(TooManyUploads.class,
                () -> store().createUpload(openUpload(user, NOW, NOW.plus(Duration.ofHours(1))), 2, NOW));
        UploadSession afterOneExpired = openUpload(user, NOW, NOW.plus(Duration.ofHours(2)));
        store().createUpload(afterOneExpired, 2, NOW.plus(Duration.ofMinutes(31)));
        assertTrue(store().findUpload(user, afterOneExpired.uploadId()).isPresent());
    }

    @Test
    void completingAnUploadIsIdempotentAndAMissingOneIsEmpty() {
        UserId user = newUser();
        UploadSession session = openUpload(user, NOW, NOW.plus(Duration.ofHours(24)));
        store().createUpload(session, 10, NOW);

        Optional<UploadSession> first = store().completeUpload(user, session.uploadId());
        Optional<UploadSession> second = store().completeUpload(user, session.uploadId());

        assertEquals(Optional.of(session.withStatus(UploadSession.Status.COMPLETED)), first);
        assertEquals(first, second);
        assertEquals(first, store().findUpload(user, session.uploadId()));
        assertEquals(Optional.empty(), store().completeUpload(user, "no-such-upload"));
    }

    @Test
    void deletingAnUploadReturnsItOnceAndLeavesNothing() {
        UserId user = newUser();
        UploadSession session = openUpload(user, NOW, NOW.plus(Duration.ofHours(24)));
        store().createUpload(session, 10, NOW);

        assertEquals(Optional.of(session), store().deleteUpload(user, session.uploadId()));
        assertEquals(Optional.empty(), store().deleteUpload(user, session.uploadId()));
        assertEquals(Optional.empty(), store().findUpload(user, session.uploadId()));
    }

    @Test
    void expiredUploadsListsOpenSessionsPastTheirExpiryOnly() {
        UserId user = newUser();
        Instant now = NOW.plus(Duration.ofDays(1));
        UploadSession expired = openUpload(user, NOW, NOW.plus(Duration.ofHours(1)));
        UploadSession live = openUpload(user, NOW, now.plus(Duration.ofHours(1)));
        UploadSession completed = openUpload(user, NOW, NOW.plus(Duration.ofHours(2)));
        for (UploadSession session : List.of(expired, live, completed)) {
            store().createUpload(session, 10, NOW);
        }
        store().completeUpload(user, completed.uploadId());

        List<String> found = store().expiredUploads(now, 1000).stream()
                .filter(u -> u.userId().equals(user)).map(UploadSession::uploadId).toList();

        assertEquals(List.of(expired.uploadId()), found);
    }

    @Test
    void uploadSessionsAreNeitherFilesNorUnfinishedFiles() {
        UserId user = newUser();
        store().createUpload(openUpload(user, NOW, NOW.plus(Duration.ofHours(1))), 10, NOW);

        assertEquals(List.of(), store().list(user, 10, null).items());
        assertEquals(List.of(), unfinishedOf(user, FileStatus.PENDING, NOW.plus(Duration.ofDays(2))));
    }

    private FileRecord processed(UserId user) {
        FileRecord record = pending(user, T0);
        store().create(record);
        store().claim(user, record.fileId(), T0, T0);
        return store().transition(StatusTransition.finish(user, record.fileId(), 1, FileStatus.PROCESSED,
                T0.plusSeconds(1), new ProcessingResult("image/jpeg", 1, 1, List.of(), 1, false), null));
    }

    private static ShareLink shareOf(FileRecord file, Duration lifetime) {
        return ShareLink.of(ShareId.generate(), file.userId(), file.fileId(), T0.plusSeconds(5),
                T0.plusSeconds(5).plus(lifetime));
    }

    @Test
    void shareOfAProcessedFileResolvesByItsHashAloneAndIsListedForItsOwner() {
        FileRecord file = processed(newUser());
        ShareLink link = shareOf(file, Duration.ofDays(1));

        store().createShare(link);

        assertEquals(Optional.of(link), store().findShare(link.idHash()));
        assertEquals(List.of(link), store().shares(file.userId(), file.fileId()));
        assertEquals(List.of(link), store().shares(file.userId()));
        assertEquals(List.of(), store().shares(newUser()));
    }

    @Test
    void unprocessedOrMissingFileCannotBeSharedAndNothingIsStored() {
        FileRecord pendingFile = pending(newUser(), T0);
        store().create(pendingFile);
        ShareLink ofPending = shareOf(pendingFile, Duration.ofHours(1));
        ShareLink ofMissing = ShareLink.of(ShareId.generate(), newUser(), FileId.newId(T0), T0, T0.plusSeconds(60));

        assertThrows(FileNotShareable.class, () -> store().createShare(ofPending));
        assertThrows(FileNotShareable.class, () -> store().createShare(ofMissing));

        assertEquals(Optional.empty(), store().findShare(ofPending.idHash()));
        assertEquals(List.of(), store().shares(pendingFile.userId()));
        assertEquals(Optional.empty(), store().findShare(ofMissing.idHash()));
    }

    @Test
    void revokingMarksBothTheLinkAndTheOwnersEntryAndKeepsTheFirstTime() {
        FileRecord file = processed(newUser());
        ShareLink link = shareOf(file, Duration.ofDays(1));
        store().createShare(link);

        assertTrue(store().revokeShare(file.userId(), file.fileId(), link.idHash(), T0.plusSeconds(10)));
        assertTrue(store().revokeShare(file.userId(), file.fileId(), link.idHash(), T0.plusSeconds(20)));

        ShareLink revoked = link.revoked(T0.plusSeconds(10));
        assertEquals(Optional.of(revoked), store().findShare(link.idHash()));
        assertEquals(List.of(revoked), store().shares(file.userId(), file.fileId()));
    }

    @Test
    void revokingSomeoneElsesOrAnUnknownLinkChangesNothing() {
        FileRecord file = processed(newUser());
        ShareLink link = shareOf(file, Duration.ofDays(1));
        store().createShare(link);

        assertFalse(store().revokeShare(newUser(), file.fileId(), link.idHash(), T0.plusSeconds(10)));
        assertFalse(store().revokeShare(file.userId(), FileId.newId(T0), link.idHash(), T0.plusSeconds(10)));
        assertFalse(store().revokeShare(file.userId(), file.fileId(), ShareId.generate().hash(), T0.plusSeconds(10)));

        assertEquals(Optional.of(link), store().findShare(link.idHash()));
    }

    @Test
    void deletingAFilesSharesLeavesNothingToResolveAndSparesOtherFiles() {
        UserId user = newUser();
        FileRecord file = processed(user);
        FileRecord other = processed(user);
        ShareLink first = shareOf(file, Duration.ofDays(1));
        ShareLink second = shareOf(file, Duration.ofHours(1));
        ShareLink kept = shareOf(other, Duration.ofHours(1));
        store().createShare(first);
        store().createShare(second);
        store().createShare(kept);
        store().revokeShare(user, file.fileId(), second.idHash(), T0.plusSeconds(6));

        assertEquals(2, store().deleteShares(user, file.fileId()));

        assertEquals(Optional.empty(), store().findShare(first.idHash()));
        assertEquals(Optional.empty(), store().findShare(second.idHash()));
        assertEquals(List.of(kept), store().shares(user));
    }

    @Test
    void shareItemsStayOutOfTheFileListing() {
        FileRecord file = processed(newUser());
        store().createShare(shareOf(file, Duration.ofDays(1)));

        assertEquals(List.of(file), store().list(file.userId(), 10, null).items());
    }
}
