package io.filepipe.api.upload;

/**
 * S3 or DynamoDB failed while storing an upload; nothing was kept. The cause stays in the logs,
 * never in the response.
 */
public final class StorageUnavailable extends RuntimeException {
    public StorageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
