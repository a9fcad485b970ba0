package io.filepipe.api.upload;

/**
 * Storing an upload failed (S3 or DynamoDB refused or did not answer) and it was rolled back:
 * nothing was kept, so the client may send it again as it is. The cause stays in the logs, never
 * in the response.
 */
public final class UploadNotStored extends RuntimeException {
    public UploadNotStored(String message, Throwable cause) {
        super(message, cause);
    }
}
