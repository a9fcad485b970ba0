package io.filepipe.core.store;

import io.filepipe.core.FileError;
import io.filepipe.core.FileId;
import io.filepipe.core.FileStatus;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A conditional move of one file from {@code from} to {@code to}. When {@code attempt} is not
 * null the item's attempt counter must also equal it, so an attempt whose lease expired cannot
 * overwrite the outcome of the attempt that re-claimed the file.
 */
public record StatusTransition(
        UserId userId,
        FileId fileId,
        FileStatus from,
        FileStatus to,
        Instant at,
        Integer attempt,
        ProcessingResult result,
        FileError error) {

    public StatusTransition {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException(from + " cannot move to " + to);
        }
    }

    /** Hands the claim of the given attempt back, so that a retry can claim the file at once. */
    public static StatusTransition release(UserId userId, FileId fileId, int attempt, Instant at) {
        return new StatusTransition(userId, fileId, FileStatus.PROCESSING, FileStatus.PENDING, at, attempt, null, null);
    }

    /** Ends the given processing attempt with a terminal status. */
    public static StatusTransition finish(UserId userId, FileId fileId, int attempt, FileStatus to,
                                          Instant at, ProcessingResult result, FileError error) {
        return new StatusTransition(userId, fileId, FileStatus.PROCESSING, to, at, attempt, result, error);
    }
}
