package io.filepipe.embedded;

/** An embedded backend could not start or stop. */
public final class EmbeddedServerException extends RuntimeException {
    public EmbeddedServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
