package io.filepipe.api.auth;

/** The issuer's JWKS could not be fetched: the server's problem, not the caller's. */
public final class KeysUnavailable extends RuntimeException {
    public KeysUnavailable(Throwable cause) {
        super("signing keys are unavailable", cause);
    }
}
