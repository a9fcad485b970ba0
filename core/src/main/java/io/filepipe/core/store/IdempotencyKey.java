package io.filepipe.core.store;

import io.filepipe.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A client's {@code Idempotency-Key}, stored only as a SHA-256 hash, together with a fingerprint
 * of the request it first came with so that reusing a key for a different request is detected.
 */
public record IdempotencyKey(String keyHash, String requestFingerprint) {

    public IdempotencyKey {
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
    }

    public static IdempotencyKey of(String clientKey, String requestFingerprint) {
        return new IdempotencyKey(Sha256.hex(clientKey.getBytes(StandardCharsets.UTF_8)), requestFingerprint);
    }
}
