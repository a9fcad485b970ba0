package io.filepipe.api.files;

/** No file with that id belongs to the caller (it may belong to someone else: same answer). */
public final class FileNotFound extends RuntimeException {
    public FileNotFound() {
        super("no such file", null, false, false);
    }
}
