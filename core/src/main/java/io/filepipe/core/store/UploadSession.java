package io.filepipe.core.store;

import io.filepipe.core.FileId;
import io.filepipe.core.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A large file on its way straight to the bucket: what the client declared, how it is cut into
 * parts, and whether it was completed into the file {@link #fileId()} (whose PENDING item the
 * completion wrote). Stored as {@code SK = UPLOAD#<uploadId>} beside the user's files; the table's
 * TTL removes the item {@link FileStore#UPLOAD_RETENTION} after {@link #expiresAt()}.
 *
 * @param sha256      the SHA-256 the client declared (lowercase hex), or null
 * @param multipartId the backend's multipart upload id, or null for a single presigned PUT
 */
public record UploadSession(String uploadId, UserId userId, FileId fileId, String fileName, String comment,
                            long size, String sha256, long partSize, int partCount, String multipartId,
                            String s3Key, Instant createdAt, Instant expiresAt, Status status) {

    /** Where a session stands; an aborted session is deleted, so it has no status. */
    public enum Status { OPEN, COMPLETED }

    public UploadSession {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(s3Key, "s3Key");
        Objects.requireNonNull(status, "status");
        if (size < 1 || partSize < 1 || partCount < 1) {
            throw new IllegalArgumentException("size, part size and part count must be positive");
        }
    }

    public boolean multipart() {
        return multipartId != null;
    }

    /** Whether the session has run out at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The size of part {@code partNumber} (1-based): the part size, except for the last. */
    public long partLength(int partNumber) {
        if (partNumber < 1 || partNumber > partCount) {
            throw new IllegalArgumentException("no part " + partNumber);
        }
        return partNumber < partCount ? partSize : size - partSize * (partCount - 1);
    }

    public UploadSession withStatus(Status to) {
        return new UploadSession(uploadId, userId, fileId, fileName, comment, size, sha256, partSize, partCount,
                multipartId, s3Key, createdAt, expiresAt, to);
    }
}
