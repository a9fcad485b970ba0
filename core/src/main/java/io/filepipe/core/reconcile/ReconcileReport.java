package io.filepipe.core.reconcile;

import java.util.List;

/**
 * What one reconciliation found and did.
 *
 * @param stuckPending     PENDING files older than the pending age
 * @param stuckProcessing  PROCESSING files older than the processing age
 * @param redriven         files handed to the workflow again
 * @param failedBatches    names of batches the workflow could not be started for (retried next run)
 * @param orphanedObjects  uploaded objects with no item, older than the pending age, now deleted
 * @param expiredUploads   ids of upload sessions expired without completion, now aborted and removed
 */
public record ReconcileReport(int stuckPending, int stuckProcessing, int redriven, List<String> failedBatches,
                              List<String> orphanedObjects, List<String> expiredUploads) {

    public ReconcileReport {
        failedBatches = List.copyOf(failedBatches);
        orphanedObjects = List.copyOf(orphanedObjects);
        expiredUploads = List.copyOf(expiredUploads);
    }
}
