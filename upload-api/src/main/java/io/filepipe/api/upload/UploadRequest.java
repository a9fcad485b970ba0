package io.filepipe.api.upload;

import io.filepipe.core.FileName;
import java.util.Objects;

/**
 * A validated upload: the normalized name, the comment ("" when absent), the decoded bytes and
 * their SHA-256 (computed while they were decoded).
 */
public record UploadRequest(FileName fileName, String comment, byte[] data, byte[] sha256) {
    public UploadRequest {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sha256, "sha256");
    }
}
