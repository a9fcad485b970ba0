package io.filepipe.processor;

import java.time.Duration;
import java.util.Objects;

/**
 * The processor's time limits, all derived from one setting: the function timeout, how long one
 * invocation may run before Lambda stops it (Pulumi's {@code processorTimeoutSeconds}; locally the
 * deadline the in-process function is given). Whoever deploys or runs the processor derives its
 * {@link ProcessorConfig#imageBudget() image budget} and {@link ProcessorConfig#lease() lease}
 * from here, and the reconciler's PROCESSING age from the lease
 * ({@link io.filepipe.core.reconcile.ReconcileSettings#processingAgeFor}), so none of them can
 * disagree with the timeout.
 *
 * @param functionTimeout how long one invocation may run
 */
public record ProcessorTimeouts(Duration functionTimeout) {

    public static final Duration DEFAULT_FUNCTION_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Added to the function timeout for the lease: Lambda stops an invocation at its timeout, so
     * the margin only covers the clocks of two attempts' hosts disagreeing a little.
     */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(15);

    public ProcessorTimeouts {
        Objects.requireNonNull(functionTimeout, "functionTimeout");
        if (functionTimeout.isNegative() || functionTimeout.isZero()) {
            throw new IllegalArgumentException("the function timeout must be positive");
        }
    }

    public static ProcessorTimeouts defaults() {
        return new ProcessorTimeouts(DEFAULT_FUNCTION_TIMEOUT);
    }

    public static ProcessorTimeouts ofSeconds(int functionTimeoutSeconds) {
        return new ProcessorTimeouts(Duration.ofSeconds(functionTimeoutSeconds));
    }

    /**
     * Half the timeout for the CPU work on one image (decoding, thumbnails): the other half is left
     * for claiming, reading the object, storing thumbnails and writing the outcome, so a file that
     * costs too much ends REJECTED instead of in a function timeout.
     */
    public Duration imageBudget() {
        return functionTimeout.dividedBy(2);
    }

    /** A claim outlives any attempt that can still be running, and not much longer. */
    public Duration lease() {
        return functionTimeout.plus(LEASE_MARGIN);
    }
}
