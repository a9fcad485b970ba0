package io.filepipe.core.store;

import io.filepipe.core.FileRecord;
import java.util.Optional;

/**
 * A conditional status change found the item in another state (or gone): somebody else moved it
 * first. Callers treat it as "nothing to do", never as a failure to retry.
 */
public final class StaleTransition extends RuntimeException {

    private final transient FileRecord current;

    public StaleTransition(String message, FileRecord current) {
        super(message, null, false, false);
        this.current = current;
    }

    /** The item as it is now, or empty when it no longer exists. */
    public Optional<FileRecord> current() {
        return Optional.ofNullable(current);
    }
}
