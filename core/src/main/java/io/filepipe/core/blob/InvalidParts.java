package io.filepipe.core.blob;

/**
 * The backend refused to complete a multipart upload with the parts named: one is missing, its
 * ETag does not match, they are out of order, or a part other than the last is too small.
 */
public final class InvalidParts extends RuntimeException {
    public InvalidParts(String message) {
        super(message, null, false, false);
    }
}
