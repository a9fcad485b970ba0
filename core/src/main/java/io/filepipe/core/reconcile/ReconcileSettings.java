package io.filepipe.core.reconcile;

import io.filepipe.core.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * When a file counts as stuck, and how much one run does.
 *
 * @param pendingAge    a PENDING file older than this was missed by the pipe (its batch was
 *                      dead-lettered, or the pipe was down past the stream's retention)
 *                      ({@value #PENDING_AGE}, default PT15M)
 * @param processingAge a PROCESSING file older than this lost its attempt ({@value #PROCESSING_AGE},
 *                      by default derived from the processor's lease: {@link #processingAgeFor});
 *                      never below the lease, or the re-drive would find the file still held and skip it
 * @param batchSize     files per workflow execution (always {@value #BATCH_SIZE} when read from the environment)
 * @param maxPerRun     files looked at per status and run, and uploaded objects looked at for
 *                      orphans per run (successive runs go on where the last one stopped), so
 *                      one run stays short ({@value #MAX_PER_RUN}, default 1000)
 */
public record ReconcileSettings(Duration pendingAge, Duration processingAge, int batchSize, int maxPerRun) {

    public static final Duration DEFAULT_PENDING_AGE = Duration.ofMinutes(15);
    /**
     * Added to the processor's lease for the PROCESSING age: the re-drive reaches the processor a
     * little after the reconciler looked, on another host's clock, and must find the claim expired.
     */
    public static final Duration PROCESSING_AGE_MARGIN = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_PER_RUN = 1000;
    public static final int BATCH_SIZE = 10;

    public static final String PENDING_AGE = "FILEPIPE_RECONCILE_PENDING_AGE";
    public static final String PROCESSING_AGE = "FILEPIPE_RECONCILE_PROCESSING_AGE";
    public static final String MAX_PER_RUN = "FILEPIPE_RECONCILE_MAX";

    public ReconcileSettings {
        if (pendingAge.isNegative() || processingAge.isNegative() || batchSize < 1 || maxPerRun < 1) {
            throw new IllegalArgumentException("ages must not be negative, sizes must be positive");
        }
    }

    /**
     * The age after which a PROCESSING file counts as stuck, for a processor whose claims last
     * {@code lease}: a crashed attempt's file is re-driven as soon as its claim has expired.
     */
    public static Duration processingAgeFor(Duration lease) {
        return lease.plus(PROCESSING_AGE_MARGIN);
    }

    /** The defaults, for a processor whose claims last {@code lease}. */
    public static ReconcileSettings defaults(Duration lease) {
        return new ReconcileSettings(DEFAULT_PENDING_AGE, processingAgeFor(lease), BATCH_SIZE, DEFAULT_MAX_PER_RUN);
    }

    /**
     * The settings in {@code env}, for a processor whose claims last {@code lease}: an unset
     * processing age is derived from the lease, and one below the lease is a problem.
     */
    public static ReconcileSettings from(Env env, Duration lease) {
        Duration processingAge = env.duration(PROCESSING_AGE, processingAgeFor(lease));
        if (processingAge.compareTo(lease) < 0) {
            env.problem(PROCESSING_AGE + " (" + processingAge + ") must not be shorter than the processor's lease ("
                    + lease + "): a re-driven file would still be held by its lost attempt");
        }
        return new ReconcileSettings(
                env.duration(PENDING_AGE, DEFAULT_PENDING_AGE),
                processingAge,
                BATCH_SIZE,
                env.intInRange(MAX_PER_RUN, DEFAULT_MAX_PER_RUN, 1, 100_000));
    }

    /** These settings as the variables {@link #from} reads back into them (the batch size is not one). */
    public Map<String, String> toEnvironment() {
        return Map.of(
                PENDING_AGE, pendingAge.toString(),
                PROCESSING_AGE, processingAge.toString(),
                MAX_PER_RUN, Integer.toString(maxPerRun));
    }
}
