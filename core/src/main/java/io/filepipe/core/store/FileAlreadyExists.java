package io.filepipe.core.store;

/** A create found an item under the same key: ids are never reused, so this is a bug or a replay. */
public final class FileAlreadyExists extends RuntimeException {
    public FileAlreadyExists(String message) {
        super(message, null, false, false);
    }
}
