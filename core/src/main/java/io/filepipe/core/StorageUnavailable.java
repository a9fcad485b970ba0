package io.filepipe.core;

/**
 * A storage backend (the metadata table or the object store) failed to do what a port asked. The
 * adapters throw it in place of their SDK's exceptions, so that nothing above them depends on the
 * backend. {@link #isTransient()} tells whether the same call may succeed later (throttling, a
 * 5xx answer, a timeout, a broken connection) or will fail the same way again (access denied, a
 * missing table, a rejected request). The cause, kept for the logs, is the backend's own error.
 */
public final class StorageUnavailable extends RuntimeException {

    private final boolean transientFailure;

    public StorageUnavailable(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when a retry of the same call may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
