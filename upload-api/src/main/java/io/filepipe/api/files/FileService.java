package io.filepipe.api.files;

import io.filepipe.core.FileId;
import io.filepipe.core.FileRecord;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Page;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.store.FileStore;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Reading and deleting a user's own files. Every lookup is keyed by the caller's id, so another
 * user's file id simply is not found.
 */
public final class FileService {

    private final FileStore files;
    private final BlobStore blobs;
    private final Duration downloadUrlTtl;

    public FileService(FileStore files, BlobStore blobs, Duration downloadUrlTtl) {
        this.files = Objects.requireNonNull(files, "files");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.downloadUrlTtl = Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl");
    }

    public FileRecord get(UserId owner, String fileId) {
        return files.find(owner, parse(fileId)).orElseThrow(FileNotFound::new);
    }

    public Page<FileRecord> list(UserId owner, int limit, String cursor) {
        return files.list(owner, limit, cursor);
    }

    /** A short-lived URL to download the original bytes. */
    public URI downloadUrl(UserId owner, String fileId) {
        FileRecord record = get(owner, fileId);
        return blobs.presignGet(record.s3Key(), downloadUrlTtl, record.fileName());
    }

    /** A short-lived URL of the file's 512 px thumbnail; not found when processing made none. */
    public URI thumbnailUrl(UserId owner, String fileId) {
        return Thumbnail.presign(blobs, get(owner, fileId), downloadUrlTtl).orElseThrow(FileNotFound::new);
    }

    /**
     * Deletes the file's share links first (no link outlives the decision to delete), then the
     * objects, and the item last: if anything fails midway the item still points at what is left,
     * and repeating the DELETE finishes the job.
     */
    public void delete(UserId owner, String fileId) {
        FileRecord record = get(owner, fileId);
        files.deleteShares(owner, record.fileId());
        blobs.delete(record.s3Key());
        blobs.deletePrefix(KeyScheme.derivedPrefix(owner, record.fileId()));
        files.delete(owner, record.fileId());
    }

    private static FileId parse(String fileId) {
        return FileId.parse(fileId).orElseThrow(FileNotFound::new);
    }
}
