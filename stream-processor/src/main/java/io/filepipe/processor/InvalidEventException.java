package io.filepipe.processor;

/**
 * The invocation's input is not an event this processor understands. Never worth retrying: the
 * same input fails the same way. The Lambda runtime reports it with {@code errorType}
 * {@code io.filepipe.processor.InvalidEventException}, which is the error name the workflow sees.
 */
public final class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
