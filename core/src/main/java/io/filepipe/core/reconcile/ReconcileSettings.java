package io.filepipe.core.reconcile;

import io.filepipe.core.config.Env;
import java.time.Duration;

/**
 * When a file counts as stuck, and how much one run does.
 *
 * @param pendingAge    a PENDING file older than this was missed by the pipe (its batch was
 *                      dead-lettered, or the pipe was down past the stream's retention)
 * @param processingAge a PROCESSING file older than this lost its attempt; keep it at or above the
 *                      processor's lease, or the re-drive finds the file still held and skips it
 * @param batchSize     files per workflow execution
 * @param maxPerRun     files looked at per status and run, and uploaded objects looked at for
 *                      orphans per run (successive runs go on where the last one stopped), so
 *                      one run stays short
 */
public record ReconcileSettings(Duration pendingAge, Duration processingAge, int batchSize, int maxPerRun) {

    public static final Duration DEFAULT_PENDING_AGE = Duration.ofMinutes(15);
    public static final Duration DEFAULT_PROCESSING_AGE = Duration.ofMinutes(20);

    public ReconcileSettings {
        if (pendingAge.isNegative() || processingAge.isNegative() || batchSize < 1 || maxPerRun < 1) {
            throw new IllegalArgumentException("ages must not be negative, sizes must be positive");
        }
    }

    /** {@code FILEPIPE_RECONCILE_PENDING_AGE}, {@code FILEPIPE_RECONCILE_PROCESSING_AGE}, {@code FILEPIPE_RECONCILE_MAX}. */
    public static ReconcileSettings from(Env env) {
        return new ReconcileSettings(
                env.duration("FILEPIPE_RECONCILE_PENDING_AGE", DEFAULT_PENDING_AGE),
                env.duration("FILEPIPE_RECONCILE_PROCESSING_AGE", DEFAULT_PROCESSING_AGE),
                10,
                env.intInRange("FILEPIPE_RECONCILE_MAX", 1000, 1, 100_000));
    }
}
