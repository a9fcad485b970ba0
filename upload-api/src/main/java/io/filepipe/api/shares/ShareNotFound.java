package io.filepipe.api.shares;

/** No share link answers to that id: unknown, never issued, or its file was deleted (one answer for all). */
public final class ShareNotFound extends RuntimeException {
    public ShareNotFound() {
        super("no such share link", null, false, false);
    }
}
