package io.filepipe.core.store;

import io.filepipe.core.FileId;
import java.time.Instant;

/** The first outcome stored under an idempotency key: enough to answer a replay identically. */
public record IdempotencyRecord(String keyHash, String requestFingerprint, FileId fileId, String s3Key,
                                Instant createdAt) {
}
