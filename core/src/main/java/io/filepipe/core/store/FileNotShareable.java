package io.filepipe.core.store;

/** A share was asked for a file that is missing or not PROCESSED (only processed files can be shared). */
public final class FileNotShareable extends RuntimeException {
    public FileNotShareable(String message) {
        super(message, null, false, false);
    }
}
