package io.filepipe.core.reconcile;

/**
 * Starts the processing workflow for a batch. The input is what the pipe would have delivered: a
 * JSON array of DynamoDB stream records ({@link RedriveBatch#toJson()}). Throws when the workflow
 * could not be started.
 */
@FunctionalInterface
public interface Redrive {
    void start(RedriveBatch batch) throws Exception;
}
