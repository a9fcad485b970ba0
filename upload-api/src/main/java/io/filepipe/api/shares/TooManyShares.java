package io.filepipe.api.shares;

/** The user already has as many live share links as the API allows. */
public final class TooManyShares extends RuntimeException {

    private final int limit;

    public TooManyShares(int limit) {
        super("at most " + limit + " live share links per user; revoke one or wait for one to expire", null, false,
                false);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
