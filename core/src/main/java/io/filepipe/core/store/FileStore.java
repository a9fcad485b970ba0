package io.filepipe.core.store;

import io.filepipe.core.FileId;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.Page;
import io.filepipe.core.ShareLink;
import io.filepipe.core.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The metadata of uploaded files. Every write is conditional: creates never overwrite, status
 * changes name the state they expect, so redelivered events and racing workers are harmless.
 *
 * <p>Besides the outcomes each method names, any method may throw
 * {@link io.filepipe.core.StorageUnavailable} when the backend fails; no backend exception
 * type ever leaves an implementation.
 */
public interface FileStore {

    /** How long an idempotency key is remembered. */
    Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

    /**
     * How long an upload session's item outlives its expiry before the table's TTL removes it: the
     * reconciler aborts and removes an expired session well before, and a completed one answers
     * a replayed completion meanwhile.
     */
    Duration UPLOAD_RETENTION = Duration.ofDays(7);

    /** Writes a new item; throws {@link FileAlreadyExists} if the key is taken. */
    void create(FileRecord record);

    /**
     * Writes a new item and its idempotency record in one transaction, or returns what the first
     * request with this key stored, writing nothing. The record is remembered for
     * {@link #IDEMPOTENCY_TTL} from {@code now}; after that the key may be used afresh. Throws
     * {@link FileAlreadyExists} if the item's key is taken by another file.
     */
    CreateOutcome create(FileRecord record, IdempotencyKey key, Instant now);

    /** The live idempotency record of a user's key, if any. */
    Optional<IdempotencyRecord> findIdempotency(UserId userId, String keyHash, Instant now);

    Optional<FileRecord> find(UserId userId, FileId fileId);

    /**
     * A user's files, newest first. {@code cursor} is null for the first page, else a value from
     * {@link Page#nextCursor()}; a cursor this store did not issue throws {@link InvalidCursor}.
     */
    Page<FileRecord> list(UserId userId, int limit, String cursor);

    /** Applies a conditional status change; throws {@link StaleTransition} when the condition fails. */
    FileRecord transition(StatusTransition transition);

    /**
     * Moves a PENDING file, or a PROCESSING one whose last update is before {@code leaseExpiredBefore},
     * to PROCESSING and counts the attempt.
     */
    ClaimOutcome claim(UserId userId, FileId fileId, Instant now, Instant leaseExpiredBefore);

    /**
     * Files in a non-terminal {@code status} whose last update is before {@code updatedBefore},
     * oldest first, at most {@code max} (read from the sparse sweep index, which is eventually
     * consistent: a file that just moved on may still be listed, and callers must tolerate that).
     */
    List<UnfinishedFile> unfinished(FileStatus status, Instant updatedBefore, int max);

    /** Deletes the item, returning it as it was, or empty when there was none. */
    Optional<FileRecord> delete(UserId userId, FileId fileId);

    /** Where the reconciler's scan of uploaded objects goes on; {@link ScanPosition#START} until it first moves. */
    ScanPosition orphanScanPosition();

    /**
     * Moves the orphan scan on to after {@code afterKey} (null: back to the first key), provided it is
     * still at {@code from}, and returns true; returns false, changing nothing, when another run moved
     * it since {@code from} was read.
     */
    boolean moveOrphanScan(ScanPosition from, String afterKey);

    /**
     * Stores a new OPEN upload session unless the user already has {@code maxOpen} open sessions
     * that have not expired at {@code now} ({@link TooManyUploads}). The count is read before the
     * write, so concurrent creates of one user may pass the limit by a few; the item's key is
     * written conditionally and never overwritten.
     */
    void createUpload(UploadSession session, int maxOpen, Instant now);

    /** The user's upload session, whatever its status or expiry. */
    Optional<UploadSession> findUpload(UserId userId, String uploadId);

    /**
     * Marks an OPEN session COMPLETED and returns it; a session completed before is returned as it
     * is (completing is idempotent); empty when there is no session.
     */
    Optional<UploadSession> completeUpload(UserId userId, String uploadId);

    /** Deletes the session, returning it as it was, or empty when there was none. */
    Optional<UploadSession> deleteUpload(UserId userId, String uploadId);

    /**
     * OPEN sessions that expired before {@code now}, soonest expired first, at most {@code max}
     * (from the sparse sweep index: eventually consistent, so a session just completed or deleted
     * may still be listed).
     */
    List<UploadSession> expiredUploads(Instant now, int max);

    /**
     * Stores a share link: the item that resolves it by hash and its owner's entry, with DynamoDB's
     * TTL at its expiry, in one transaction that also checks the file is there and PROCESSED
     * (else {@link FileNotShareable}, storing nothing).
     */
    void createShare(ShareLink link);

    /** The link whose id hashes to {@code idHash}, whoever owns it: live, expired (until TTL removes it) or revoked. */
    Optional<ShareLink> findShare(String idHash);

    /** All of a user's links (live, expired until TTL removes them, revoked), to count the live ones. */
    List<ShareLink> shares(UserId owner);

    /** All links of one of a user's files. */
    List<ShareLink> shares(UserId owner, FileId fileId);

    /**
     * Marks the user's link of the file revoked at {@code at} (a second revocation keeps the
     * first time); returns false, changing nothing, when the user has no such link on that file.
     */
    boolean revokeShare(UserId owner, FileId fileId, String idHash, Instant at);

    /** Deletes every link of the file, so their ids resolve to nothing; returns how many there were. */
    int deleteShares(UserId owner, FileId fileId);
}
