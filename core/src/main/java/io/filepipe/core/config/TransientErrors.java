package io.filepipe.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Tells failures worth retrying (throttling, 5xx, timeouts, connection trouble) from those that
 * will fail the same way again. The API answers the first kind with 503; the processor raises its
 * retryable error so the workflow's Retry applies.
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
}
