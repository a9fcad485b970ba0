package io.filepipe.processor;

import io.filepipe.core.FileId;
import io.filepipe.core.UserId;
import java.util.Objects;

/** One file the workflow asks to process: the key of its item, nothing else. */
public record FileRef(UserId userId, FileId fileId) {

    public FileRef {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(fileId, "fileId");
    }
}
