package io.filepipe.api.upload;

/** The upload session ran out before it was completed. */
public final class UploadExpired extends RuntimeException {
    public UploadExpired(String message) {
        super(message, null, false, false);
    }
}
