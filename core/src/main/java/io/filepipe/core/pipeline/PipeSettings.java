package io.filepipe.core.pipeline;

/**
 * How the pipe reads the stream and calls the workflow.
 *
 * @param startingPosition               {@code TRIM_HORIZON} or {@code LATEST}
 * @param batchSize                      records per workflow execution at most
 * @param maximumBatchingWindowInSeconds how long to wait to fill a batch (0: send what one poll read)
 * @param maximumRetryAttempts           retries of a failed batch before it goes to the dead-letter queue
 * @param retryBackoffSeconds            first pause between retries (doubling); the local runner's
 *                                       stand-in for the pipe's own backoff
 * @param workflowType                   {@code EXPRESS} or {@code STANDARD}
 * @param invocationType                 {@code REQUEST_RESPONSE} or {@code FIRE_AND_FORGET}
 */
public record PipeSettings(String startingPosition, int batchSize, int maximumBatchingWindowInSeconds,
                           int maximumRetryAttempts, int retryBackoffSeconds, String workflowType,
                           String invocationType) {
}
