package io.filepipe.api.upload;

import io.filepipe.core.ContentSniffer;
import io.filepipe.core.FileId;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.Sha256;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.logging.LogLine;
import io.filepipe.core.store.CreateOutcome;
import io.filepipe.core.store.FileAlreadyExists;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.IdempotencyKey;
import io.filepipe.core.store.IdempotencyRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Stores an upload: the object in S3 first, then the PENDING item, conditionally. If the item
 * cannot be written the object is deleted again, so there is never an object without its item.
 * With an idempotency key the item and the key are written in one transaction, and a repeated
 * key answers with the first receipt.
 */
public final class UploadService {

    private static final Logger LOG = LogManager.getLogger(UploadService.class);

    private final BlobStore blobs;
    private final FileStore files;
    private final Clock clock;

    public UploadService(BlobStore blobs, FileStore files, Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores the upload for {@code owner}. {@code clientKey} is the Idempotency-Key header, or null.
     *
     * @throws IdempotencyKeyReused when the key came with another request before
     * @throws UploadNotStored      when S3 or DynamoDB failed; nothing is left behind
     */
    public UploadReceipt upload(UserId owner, UploadRequest request, String clientKey) {
        byte[] sha256 = request.sha256();
        String sha256Hex = HexFormat.of().formatHex(sha256);
        IdempotencyKey key = clientKey == null ? null
                : IdempotencyKey.of(clientKey, fingerprint(request, sha256Hex));
        Instant now = Timestamps.truncate(clock.instant());
        if (key != null) {
            Optional<UploadReceipt> replay = replay(owner, key, now);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        FileRecord record = FileRecord.pending(owner, FileId.newId(now), request.fileName(), request.comment(),
                request.data().length, ContentSniffer.sniff(request.data()).mimeType(), sha256Hex, now);
        try {
            blobs.put(record.s3Key(), request.data(), record.contentType(), sha256);
        } catch (RuntimeException e) {
            throw new UploadNotStored("could not store the object", e);
        }
        if (key == null) {
            try {
                return register(record);
            } catch (UploadNotStored e) {
                removeOrphan(record, e.getCause());
                throw e;
            } catch (FileAlreadyExists e) {
                throw new UploadNotStored("could not store the metadata item", e);
            }
        }
        CreateOutcome outcome;
        try {
            outcome = files.create(record, key, now);
        } catch (RuntimeException e) {
            removeOrphan(record, e);
            throw new UploadNotStored("could not store the metadata item", e);
        }
        return switch (outcome) {
            case CreateOutcome.Created created -> receipt(created.record());
            case CreateOutcome.Replayed replayed -> {
                // a concurrent request with the same key won the race: ours must not stay behind
                removeOrphan(record, null);
                yield receiptFor(replayed.first(), key);
            }
        };
    }

    /**
     * Writes the PENDING item of a file whose object is stored already, conditionally: the one way
     * every upload path (a body here, a presigned upload in {@link LargeUploadService}) hands a file
     * to the pipeline. The caller decides what becomes of the object when this fails: a body upload
     * deletes it, a presigned upload keeps it for a retry while its session owns it.
     *
     * @throws FileAlreadyExists when the item exists
     * @throws UploadNotStored   when DynamoDB failed
     */
    public UploadReceipt register(FileRecord record) {
        try {
            files.create(record);
        } catch (FileAlreadyExists e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UploadNotStored("could not store the metadata item", e);
        }
        return receipt(record);
    }

    private Optional<UploadReceipt> replay(UserId owner, IdempotencyKey key, Instant now) {
        Optional<IdempotencyRecord> first;
        try {
            first = files.findIdempotency(owner, key.keyHash(), now);
        } catch (RuntimeException e) {
            throw new UploadNotStored("could not read the idempotency record", e);
        }
        return first.map(record -> receiptFor(record, key));
    }

    private UploadReceipt receiptFor(IdempotencyRecord first, IdempotencyKey key) {
        if (!first.requestFingerprint().equals(key.requestFingerprint())) {
            throw new IdempotencyKeyReused();
        }
        return new UploadReceipt(first.fileId(), blobs.bucket(), first.s3Key(), FileStatus.PENDING, true);
    }

    private UploadReceipt receipt(FileRecord record) {
        return new UploadReceipt(record.fileId(), blobs.bucket(), record.s3Key(), record.status(), false);
    }

    private void removeOrphan(FileRecord record, Throwable cause) {
        try {
            blobs.delete(record.s3Key());
        } catch (RuntimeException e) {
            // the object outlives its failed item; the key is in the log for the sweeper/operator
            LOG.error(new LogLine("orphan_object_left").with("s3Key", record.s3Key())
                    .with("fileId", record.fileId().value()), e);
            return;
        }
        if (cause != null) {
            LOG.warn(new LogLine("upload_rolled_back").with("fileId", record.fileId().value())
                    .with("userId", record.userId().value()).with("cause", cause.getClass().getName()));
        }
    }

    private static String fingerprint(UploadRequest request, String sha256Hex) {
        String canonical = request.fileName().value() + '\u0000' + request.comment() + '\u0000' + sha256Hex;
        return Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8));
    }
}
