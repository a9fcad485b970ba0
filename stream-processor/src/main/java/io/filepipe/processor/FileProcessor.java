package io.filepipe.processor;

import io.filepipe.core.FileError;
import io.filepipe.core.FileRecord;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.blob.BlobNotFound;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.store.ClaimOutcome;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.StaleTransition;
import io.filepipe.core.store.StatusTransition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.cloudwatchlogs.emf.environment.Environment;

/**
 * Takes one file from PENDING to PROCESSED, REJECTED or FAILED, at most once however often it is
 * asked: claim the item (conditional, counted attempt), verify the object against the upload's
 * size and SHA-256, inspect the content and render thumbnails (within the image budget), store
 * the thumbnails, and finish with a transition that only
 * the claiming attempt can make. Every file gets one result log line and one metrics line, written
 * after that transition: a process killed between the two leaves the file finished without its line
 * (never with two).
 *
 * <p>Transient storage failures ({@link StorageUnavailable#isTransient()}, or a read of the object
 * that breaks off) raise {@link RetryableProcessingException} after handing the claim back, so the
 * workflow's Retry can run the file again at once. Thread-safe: racing instances and threads are
 * what the conditional writes are for.
 */
public final class FileProcessor {

    private static final Logger LOG = LogManager.getLogger(FileProcessor.class);

    private final FileStore files;
    private final BlobStore blobs;
    private final Duration lease;
    private final Clock clock;
    private final ObjectScanner scanner;
    private final FileInspector inspector;
    private final ThumbnailWriter thumbnails;
    private final ResultLog resultLog = new ResultLog();
    private final ProcessingMetrics metrics;

    /**
     * @param config             the lease and the limits (its table and bucket are the caller's
     *                           business: {@code files} and {@code blobs} are already on them)
     * @param files              the metadata of the files to process
     * @param blobs              their objects, and where thumbnails go
     * @param metricsEnvironment where EMF lines go; on Lambda a
     *                           {@link software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment}
     */
    public FileProcessor(ProcessorConfig config, FileStore files, BlobStore blobs, Clock clock,
                         Environment metricsEnvironment) {
        this.files = Objects.requireNonNull(files, "files");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.lease = config.lease();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scanner = new ObjectScanner(config.maxImageBytes());
        List<Integer> sizes = config.thumbnailSizes();
        this.inspector = new FileInspector(
                new ImageInspector(config.maxImagePixels(), config.maxImageScans(), sizes.getLast()),
                new Thumbnailer(sizes), new ImageBudget(config.imageBudget()), config.maxImageBytes());
        this.thumbnails = new ThumbnailWriter(blobs);
        this.metrics = new ProcessingMetrics(metricsEnvironment);
    }

    /**
     * Processes one file and reports what happened. Throws {@link RetryableProcessingException} on
     * transient failures; never throws for anything the file's content can cause.
     */
    @SuppressWarnings("try") // the thread context is the resource; the body only needs it to be open
    public Outcome process(FileRef file) {
        long started = System.nanoTime();
        try (CloseableThreadContext.Instance ignored = CloseableThreadContext
                .put("fileId", file.fileId().value())
                .put("userId", file.userId().value())) {
            Outcome outcome = claimAndProcess(file, started);
            resultLog.write(outcome);
            metrics.record(outcome);
            return outcome;
        }
    }

    private Outcome claimAndProcess(FileRef file, long started) {
        Instant now = clock.instant();
        ClaimOutcome claim;
        try {
            claim = files.claim(file.userId(), file.fileId(), now, now.minus(lease));
        } catch (RuntimeException e) {
            throw isTransient(e) ? retryable("claiming the file", e) : e;
        }
        return switch (claim) {
            case ClaimOutcome.Missing missing -> new Outcome.Skipped(file, SkipReason.ITEM_MISSING, null, elapsedMs(started));
            case ClaimOutcome.NotClaimable busy ->
                    new Outcome.Skipped(file, SkipReason.DUPLICATE, busy.current().status(), elapsedMs(started));
            case ClaimOutcome.Claimed claimed -> processClaimed(file, claimed.record(), started);
        };
    }

    private Outcome processClaimed(FileRef file, FileRecord record, long started) {
        Outcome.Terminal outcome;
        try {
            outcome = decide(file, record, started);
        } catch (RuntimeException e) {
            if (isTransient(e)) {
                release(file, record.attempts());
                throw retryable("processing the file", e);
            }
            LOG.error("processing failed unexpectedly", e);
            outcome = new Outcome.Failed(file, record.attempts(),
                    ReasonCode.INTERNAL_ERROR.error("processing failed unexpectedly"), elapsedMs(started));
        }
        return finish(file, outcome);
    }

    private Outcome.Terminal decide(FileRef file, FileRecord record, long started) {
        int attempt = record.attempts();
        return switch (verify(record)) {
            case Verdict.Accept accept -> {
                List<String> derived = thumbnails.write(file.userId(), file.fileId(), accept.thumbnails());
                long durationMs = elapsedMs(started);
                yield new Outcome.Processed(file, attempt, record.size(),
                        result(accept.type().mimeType(), accept.dimensions(), derived, durationMs, accept.extensionMismatch(),
                                accept.thumbnailSkipped()),
                        durationMs);
            }
            case Verdict.Reject reject -> {
                long durationMs = elapsedMs(started);
                yield new Outcome.Rejected(file, attempt, record.size(),
                        result(reject.type().mimeType(), reject.dimensions(), List.of(), durationMs, reject.extensionMismatch(),
                                null),
                        reject.code().error(reject.message()), durationMs);
            }
            case Verdict.Fail fail ->
                    new Outcome.Failed(file, attempt, fail.code().error(fail.message()), elapsedMs(started));
        };
    }

    private Verdict verify(FileRecord record) {
        ScannedObject object;
        try (InputStream in = blobs.open(record.s3Key())) {
            object = scanner.scan(in, record.size());
        } catch (BlobNotFound e) {
            return new Verdict.Fail(ReasonCode.OBJECT_MISSING, "there is no object at the recorded key");
        } catch (IOException e) {
            throw new UncheckedIOException("closing the object stream failed", e);
        }
        return inspector.inspect(record, object);
    }

    private static ProcessingResult result(String contentType, Dimensions dimensions, List<String> derivedKeys,
                                           long durationMs, boolean extensionMismatch, String thumbnailSkipped) {
        return new ProcessingResult(contentType,
                dimensions == null ? null : dimensions.width(),
                dimensions == null ? null : dimensions.height(),
                derivedKeys, durationMs, extensionMismatch, thumbnailSkipped);
    }

    /** Writes the outcome, unless another attempt took the file over or it was deleted meanwhile. */
    private Outcome finish(FileRef file, Outcome.Terminal outcome) {
        try {
            files.transition(StatusTransition.finish(file.userId(), file.fileId(), outcome.attempt(),
                    outcome.fileStatus(), clock.instant(), resultOf(outcome), errorOf(outcome)));
            return outcome;
        } catch (StaleTransition stale) {
            if (stale.current().isEmpty()) {
                discardDerived(file);
            }
            return new Outcome.Skipped(file, SkipReason.CLAIM_LOST,
                    stale.current().map(FileRecord::status).orElse(null), outcome.durationMs());
        } catch (RuntimeException e) {
            if (isTransient(e)) {
                release(file, outcome.attempt());
                throw retryable("writing the outcome", e);
            }
            throw e;
        }
    }

    private static ProcessingResult resultOf(Outcome.Terminal outcome) {
        return switch (outcome) {
            case Outcome.Processed p -> p.result();
            case Outcome.Rejected r -> r.result();
            case Outcome.Failed f -> null;
        };
    }

    private static FileError errorOf(Outcome.Terminal outcome) {
        return switch (outcome) {
            case Outcome.Processed p -> null;
            case Outcome.Rejected r -> r.error();
            case Outcome.Failed f -> f.error();
        };
    }

    /** The item is gone, so nothing will ever point at what this attempt derived: remove it. */
    private void discardDerived(FileRef file) {
        try {
            blobs.deletePrefix(KeyScheme.derivedPrefix(file.userId(), file.fileId()));
        } catch (RuntimeException e) {
            LOG.warn("derived objects of a deleted file could not be removed", e);
        }
    }

    private void release(FileRef file, int attempt) {
        try {
            files.transition(StatusTransition.release(file.userId(), file.fileId(), attempt, clock.instant()));
        } catch (StaleTransition e) {
            LOG.info("claim not handed back: the file moved on meanwhile");
        } catch (RuntimeException e) {
            LOG.warn("claim could not be handed back; a retry can take the file once the lease expires", e);
        }
    }

    /** A storage call that may succeed later, or a read of the object that broke off (see {@link ObjectScanner}). */
    private static boolean isTransient(RuntimeException e) {
        return e instanceof StorageUnavailable unavailable ? unavailable.isTransient() : e instanceof UncheckedIOException;
    }

    private static RetryableProcessingException retryable(String step, RuntimeException cause) {
        LOG.warn("transient failure while {}: {}", step, cause.toString());
        return new RetryableProcessingException("transient failure while " + step + ": " + cause, cause);
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
