package io.filepipe.api.http;

import io.filepipe.api.auth.Caller;
import io.filepipe.api.auth.TokenVerifier;
import io.javalin.http.Context;
import java.util.Objects;

/** Who is calling: the request's token verified once, the caller kept for the rest of the request. */
final class Authentication {

    private final TokenVerifier verifier;

    Authentication(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * The verified caller of this request.
     *
     * @throws io.filepipe.api.auth.InvalidToken    when the token is missing or not acceptable
     * @throws io.filepipe.api.auth.KeysUnavailable when the issuer's keys cannot be fetched
     */
    Caller caller(Context ctx) {
        Caller known = RequestState.caller(ctx);
        if (known != null) {
            return known;
        }
        Caller caller = verifier.verify(ctx.header("Authorization"));
        RequestState.caller(ctx, caller);
        return caller;
    }
}
