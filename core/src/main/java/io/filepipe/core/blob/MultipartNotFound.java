package io.filepipe.core.blob;

/** The multipart upload does not exist: never started, completed or aborted. */
public final class MultipartNotFound extends RuntimeException {
    public MultipartNotFound(String key) {
        super("no multipart upload for " + key, null, false, false);
    }
}
