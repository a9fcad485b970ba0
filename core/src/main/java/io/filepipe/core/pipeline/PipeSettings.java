package io.filepipe.core.pipeline;

/**
 * How the pipe reads the stream and calls the workflow.
 *
 * @param startingPosition               {@code TRIM_HORIZON} or {@code LATEST}
 * @param batchSize                      records per workflow execution at most
 * @param maximumBatchingWindowInSeconds how long to wait to fill a batch (0: send what one poll read)
 * @param parallelizationFactor          batches of one stream shard in flight at once (1-10); files of
 *                                       one shard need no order between them, each file's own
 *                                       records are ordered by its conditional status changes
 * @param maximumRecordAgeInSeconds      records older than this are not sent but dead-lettered (-1: never);
 *                                       an hour below the stream's 24 h retention, so a pipe that fell
 *                                       that far behind raises the dead-letter alarm instead of losing
 *                                       records to the trim without a trace; the reconciler re-drives
 *                                       their files (docs/scaling.md)
 * @param maximumRetryAttempts           retries of a failed batch before it goes to the dead-letter queue
 * @param retryBackoffSeconds            first pause between retries (doubling); the local runner's
 *                                       stand-in for the pipe's own backoff
 * @param workflowType                   {@code EXPRESS} or {@code STANDARD}
 * @param invocationType                 {@code REQUEST_RESPONSE} or {@code FIRE_AND_FORGET}
 */
public record PipeSettings(String startingPosition, int batchSize, int maximumBatchingWindowInSeconds,
                           int parallelizationFactor, int maximumRecordAgeInSeconds, int maximumRetryAttempts,
                           int retryBackoffSeconds, String workflowType, String invocationType) {

    public PipeSettings {
        if (parallelizationFactor < 1 || parallelizationFactor > 10) {
            throw new IllegalArgumentException("a pipe's parallelization factor is 1 to 10");
        }
    }
}
