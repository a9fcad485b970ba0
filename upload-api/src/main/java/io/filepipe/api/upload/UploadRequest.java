package io.filepipe.api.upload;

import io.filepipe.core.FileName;
import java.util.Objects;

/** A validated upload: the normalized name, the comment ("" when absent) and the decoded bytes. */
public record UploadRequest(FileName fileName, String comment, byte[] data) {
    public UploadRequest {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(data, "data");
    }
}
