package io.filepipe.core.store;

import io.filepipe.core.FileId;
import io.filepipe.core.FileStatus;
import io.filepipe.core.UserId;
import java.time.Instant;

/** A file that has not reached a terminal state, as the sweep index lists it. */
public record UnfinishedFile(UserId userId, FileId fileId, FileStatus status, Instant updatedAt) {
}
