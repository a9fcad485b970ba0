package io.filepipe.api.shares;

/** The share link existed but has expired or was revoked. */
public final class ShareExpired extends RuntimeException {
    public ShareExpired() {
        super("the share link has expired or was revoked", null, false, false);
    }
}
