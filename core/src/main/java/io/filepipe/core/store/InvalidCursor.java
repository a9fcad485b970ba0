package io.filepipe.core.store;

/** A pagination cursor that this store did not issue. */
public final class InvalidCursor extends RuntimeException {
    public InvalidCursor() {
        super("cursor is not valid", null, false, false);
    }
}
