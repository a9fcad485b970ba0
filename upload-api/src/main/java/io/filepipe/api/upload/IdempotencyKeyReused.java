package io.filepipe.api.upload;

/** An Idempotency-Key came back with a different request than the one it was first used for. */
public final class IdempotencyKeyReused extends RuntimeException {
    public IdempotencyKeyReused() {
        super("Idempotency-Key was already used for a different request", null, false, false);
    }
}
