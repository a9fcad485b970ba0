package io.filepipe.core.reconcile;

import io.filepipe.core.FileId;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.StoredObject;
import io.filepipe.core.logging.LogLine;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.ScanPosition;
import io.filepipe.core.store.UnfinishedFile;
import io.filepipe.core.store.UploadSession;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Finds unfinished files older than their age limit and re-drives them through the workflow in
 * batches, then removes uploaded objects that have had no item for longer than the pending age
 * (an upload whose item write failed, or whose process died between the two writes: the client
 * never got a 201 for it), and cleans up large uploads that expired without being completed. Safe to run at any time and as often as
 * wanted: the processor's conditional claim makes a re-drive of a file that moved on meanwhile a
 * no-op, and the workflow's catch-all only touches files that are still unfinished.
 */
public final class Reconciler {

    private static final Logger LOG = LogManager.getLogger(Reconciler.class);

    private final FileStore files;
    private final BlobStore blobs;
    private final Redrive redrive;
    private final Clock clock;
    private final ReconcileSettings settings;

    public Reconciler(FileStore files, BlobStore blobs, Redrive redrive, Clock clock, ReconcileSettings settings) {
        this.files = Objects.requireNonNull(files, "files");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.redrive = Objects.requireNonNull(redrive, "redrive");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * One run; runs of one reconciler take turns. The orphan scan goes on where the last run stopped,
     * in this process or any other: the position is kept in the {@link FileStore}.
     */
    public synchronized ReconcileReport run() {
        Instant now = clock.instant();
        List<UnfinishedFile> pending = files.unfinished(FileStatus.PENDING, now.minus(settings.pendingAge()),
                settings.maxPerRun());
        List<UnfinishedFile> processing = files.unfinished(FileStatus.PROCESSING, now.minus(settings.processingAge()),
                settings.maxPerRun());
        List<UnfinishedFile> stuck = new ArrayList<>(pending);
        stuck.addAll(processing);
        int redriven = 0;
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < stuck.size(); from += settings.batchSize()) {
            RedriveBatch batch = new RedriveBatch("reconcile-" + now.toEpochMilli() + "-" + (from / settings.batchSize()),
                    stuck.subList(from, Math.min(stuck.size(), from + settings.batchSize())));
            try {
                redrive.start(batch);
                redriven += batch.files().size();
            } catch (Exception e) {
                failed.add(batch.name());
                LOG.warn(new LogLine("redrive_failed").with("batch", batch.name()).with("files", batch.files().size())
                        .with("error", e.toString()));
            }
        }
        List<String> expired = expiredUploads(now.minus(settings.pendingAge()));
        ReconcileReport report = new ReconcileReport(pending.size(), processing.size(), redriven, failed,
                orphans(now.minus(settings.pendingAge())), expired);
        LOG.info(new LogLine("reconciled").with("stuckPending", report.stuckPending())
                .with("stuckProcessing", report.stuckProcessing()).with("redriven", report.redriven())
                .with("failedBatches", failed.size()).with("orphanedObjects", report.orphanedObjects().size())
                .with("expiredUploads", expired.size()));
        return report;
    }

    /**
     * Cleans up the upload sessions that expired before {@code before} without being completed:
     * aborts the multipart upload (dropping its parts), deletes the object a single PUT may have
     * left, then the session; returns their ids. The grace after expiry lets a completion that
     * started just before the expiry finish first (the API refuses to complete an expired session).
     */
    private List<String> expiredUploads(Instant before) {
        List<String> cleaned = new ArrayList<>();
        for (UploadSession session : files.expiredUploads(before, settings.maxPerRun())) {
            if (session.multipart()) {
                blobs.abortMultipart(session.s3Key(), session.multipartId());
            } else {
                blobs.delete(session.s3Key());
            }
            files.deleteUpload(session.userId(), session.uploadId());
            cleaned.add(session.uploadId());
            LOG.info(new LogLine("expired_upload_removed").with("uploadId", session.uploadId())
                    .with("userId", session.userId().value()).with("s3Key", session.s3Key()));
        }
        return cleaned;
    }

    /**
     * Deletes the uploaded objects older than {@code olderThan} whose file has no item; returns
     * their keys. Each run looks at {@link ReconcileSettings#maxPerRun()} objects, starting after
     * the last key the previous run looked at (kept in the file store, so a new process goes on
     * from there too) and wrapping around at the end of the bucket, so that successive runs cover
     * all of it however many uploads there are. The run moves the position on before it deletes;
     * when a concurrent run moved it first, that run has this range and this one leaves it.
     */
    private List<String> orphans(Instant olderThan) {
        ScanPosition position = files.orphanScanPosition();
        String after = position.afterKey();
        List<StoredObject> scanned = new ArrayList<>(blobs.list(KeyScheme.UPLOADS_PREFIX, after,
                settings.maxPerRun()));
        if (scanned.size() < settings.maxPerRun() && after != null) {
            // the end of the bucket: go on from its beginning, up to where this run started
            blobs.list(KeyScheme.UPLOADS_PREFIX, null, settings.maxPerRun() - scanned.size()).stream()
                    .filter(object -> object.key().compareTo(after) <= 0)
                    .forEach(scanned::add);
        }
        String next = scanned.size() < settings.maxPerRun() ? null : scanned.getLast().key();
        if (!files.moveOrphanScan(position, next)) {
            LOG.info(new LogLine("orphan_scan_taken").with("revision", position.revision()));
            return List.of();
        }
        List<String> orphans = new ArrayList<>();
        for (StoredObject object : scanned) {
            if (object.lastModified().isBefore(olderThan) && !hasItem(object.key())) {
                blobs.delete(object.key());
                orphans.add(object.key());
                LOG.warn(new LogLine("orphan_removed").with("s3Key", object.key()));
            }
        }
        return orphans;
    }

    private boolean hasItem(String key) {
        String[] parts = key.substring(KeyScheme.UPLOADS_PREFIX.length()).split("/", 3);
        Optional<FileId> fileId = parts.length == 3 ? FileId.parse(parts[1]) : Optional.empty();
        if (fileId.isEmpty() || !UserId.isValid(parts[0])) {
            return false; // not a key filepipe writes: nothing owns it
        }
        UserId owner = new UserId(parts[0]);
        // a large upload's object is there before its item: its session (whose id is the file's) owns it
        return files.find(owner, fileId.get()).isPresent()
                || files.findUpload(owner, fileId.get().value()).isPresent();
    }
}
