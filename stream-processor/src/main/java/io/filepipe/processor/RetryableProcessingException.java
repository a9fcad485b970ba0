package io.filepipe.processor;

/**
 * A transient failure (throttling, a 5xx answer, a timeout, a broken connection) stopped the
 * invocation; the same input is expected to succeed later. The file's claim was handed back
 * (status PENDING again) where possible, so a retry can claim it at once. The Lambda runtime
 * reports it with {@code errorType} {@code io.filepipe.processor.RetryableProcessingException},
 * the error name the workflow's Retry matches.
 */
public final class RetryableProcessingException extends RuntimeException {

    public RetryableProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
