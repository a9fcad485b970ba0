package io.filepipe.api.upload;

/** There is no upload session with this id for the caller (never started, aborted, or another user's). */
public final class UploadSessionNotFound extends RuntimeException {
    public UploadSessionNotFound(String message) {
        super(message, null, false, false);
    }
}
