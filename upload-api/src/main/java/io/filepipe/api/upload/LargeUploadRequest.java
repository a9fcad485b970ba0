package io.filepipe.api.upload;

import io.filepipe.core.FileName;
import java.util.Objects;

/** A validated {@code POST /uploads}: name, comment ("" when absent), size and the declared SHA-256 (hex) or null. */
public record LargeUploadRequest(FileName fileName, String comment, long size, String sha256) {
    public LargeUploadRequest {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(comment, "comment");
    }
}
