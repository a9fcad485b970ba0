package io.filepipe.api.upload;

/** The uploaded object is not what the client declared (size or SHA-256); it has been deleted. */
public final class UploadMismatch extends RuntimeException {
    public UploadMismatch(String message) {
        super(message, null, false, false);
    }
}
