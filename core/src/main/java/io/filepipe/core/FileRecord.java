package io.filepipe.core;

import java.time.Instant;
import java.util.Objects;

/**
 * The metadata item of one uploaded file. {@code result} is set once processing has looked at the
 * content (PROCESSED, and REJECTED where known); {@code error} is set for REJECTED and FAILED.
 * Both may be null.
 */
public record FileRecord(
        UserId userId,
        FileId fileId,
        String fileName,
        String comment,
        String s3Key,
        long size,
        String contentType,
        String sha256,
        FileStatus status,
        Instant createdAt,
        Instant updatedAt,
        int attempts,
        ProcessingResult result,
        FileError error) {

    public FileRecord {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(s3Key, "s3Key");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A freshly uploaded file, waiting for the pipeline. */
    public static FileRecord pending(UserId userId, FileId fileId, FileName fileName, String comment,
                                     long size, String contentType, String sha256, Instant now) {
        return new FileRecord(userId, fileId, fileName.value(), comment,
                KeyScheme.objectKey(userId, fileId, fileName), size, contentType, sha256,
                FileStatus.PENDING, now, now, 0, null, null);
    }
}
