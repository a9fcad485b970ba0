package io.filepipe.core.store;

/** The user has as many open upload sessions as allowed; one must complete, be aborted or expire first. */
public final class TooManyUploads extends RuntimeException {
    public TooManyUploads(int maxOpen) {
        super("at most " + maxOpen + " uploads may be open at once", null, false, false);
    }
}
