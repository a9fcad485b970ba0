package io.filepipe.core;

/**
 * A storage backend (the metadata table or the object store) failed to do what a port asked. The
 * adapters throw it in place of their SDK's exceptions, so that nothing above them depends on the
 * backend. {@link #isTransient()} tells whether the same call may succeed later (throttling, a
 * 5xx answer, a timeout, a broken connection) or will fail the same way again (access denied, a
 * missing table, a rejected request). {@link #isThrottled()} tells, of the transient ones, those
 * where the backend refused the rate of requests (a DynamoDB partition past its 1,000 write units a
 * second, say): the caller should slow down, not just retry. The cause, kept for the logs, is the
 * backend's own error.
 */
public final class StorageUnavailable extends RuntimeException {

    private final boolean transientFailure;
    private final boolean throttled;

    public StorageUnavailable(String message, Throwable cause, boolean transientFailure) {
        this(message, cause, transientFailure, false);
    }

    /** @param throttled the backend refused the request rate; implies {@code transientFailure} */
    public StorageUnavailable(String message, Throwable cause, boolean transientFailure, boolean throttled) {
        super(message, cause);
        this.transientFailure = transientFailure || throttled;
        this.throttled = throttled;
    }

    /** True when the backend refused the rate of requests: slowing down, not only retrying, helps. */
    public boolean isThrottled() {
        return throttled;
    }

    /** True when a retry of the same call may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
