package io.filepipe.api.auth;

/**
 * The request carries no acceptable IdToken. The message is safe to return (it names the rule,
 * not the verifier's internals); {@link #missing()} tells an absent token from a bad one, which
 * RFC 6750 answers differently.
 */
public final class InvalidToken extends RuntimeException {

    private final boolean missing;

    private InvalidToken(String message, boolean missing) {
        super(message, null, false, false);
        this.missing = missing;
    }

    public static InvalidToken missing() {
        return new InvalidToken("an IdToken is required in the Authorization header", true);
    }

    public static InvalidToken invalid(String message) {
        return new InvalidToken(message, false);
    }

    public boolean isMissing() {
        return missing;
    }
}
