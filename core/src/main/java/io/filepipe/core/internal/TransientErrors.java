package io.filepipe.core.internal;

import io.filepipe.core.StorageUnavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Tells SDK failures worth retrying (throttling, 5xx, timeouts, connection trouble) from those
 * that will fail the same way again, and translates them into the domain's
 * {@link StorageUnavailable}. For core's adapters and the emulators' AWS-facing edge only: the
 * code above the ports sees {@link StorageUnavailable#isTransient()}, never an SDK type.
 */
public final class TransientErrors {

    private TransientErrors() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SdkServiceException service) {
                return service.isThrottlingException() || service.statusCode() >= 500 || service.statusCode() == 429;
            }
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
            if (t instanceof SdkClientException client && client.retryable()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the service refused the request rate (throttling error codes, 429). */
    public static boolean isThrottling(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SdkServiceException service) {
                return service.isThrottlingException() || service.statusCode() == 429;
            }
        }
        return false;
    }

    /** The domain's view of a failed SDK call; {@code operation} names it for the logs, e.g. "S3 PutObject". */
    public static StorageUnavailable storageUnavailable(String operation, SdkException failure) {
        return new StorageUnavailable(operation + " failed: " + failure.getMessage(), failure, isTransient(failure),
                isThrottling(failure));
    }
}
