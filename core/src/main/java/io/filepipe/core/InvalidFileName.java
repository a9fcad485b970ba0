package io.filepipe.core;

/** A file name that filepipe refuses to store; the message is safe to show to the client. */
public final class InvalidFileName extends RuntimeException {
    public InvalidFileName(String message) {
        super(message, null, false, false);
    }
}
