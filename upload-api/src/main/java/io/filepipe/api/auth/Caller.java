package io.filepipe.api.auth;

import io.filepipe.core.UserId;

/** The verified identity behind a request, from the IdToken's claims. */
public record Caller(UserId userId, String username, String email) {
}
