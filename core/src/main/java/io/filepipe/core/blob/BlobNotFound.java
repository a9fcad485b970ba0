package io.filepipe.core.blob;

/** The object does not exist (never written, or deleted). */
public final class BlobNotFound extends RuntimeException {
    public BlobNotFound(String key) {
        super("no object at " + key, null, false, false);
    }
}
