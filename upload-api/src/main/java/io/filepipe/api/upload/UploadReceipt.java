package io.filepipe.api.upload;

import io.filepipe.core.FileId;
import io.filepipe.core.FileStatus;

/**
 * What the client is told about an accepted upload. A replayed idempotent request gets the first
 * request's receipt again.
 */
public record UploadReceipt(FileId fileId, String bucket, String s3Key, FileStatus status, boolean replayed) {

    public String s3Path() {
        return "s3://" + bucket + "/" + s3Key;
    }
}
