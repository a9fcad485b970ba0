package io.filepipe.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(clientKey.getBytes(StandardCharsets.UTF_8));
            return new IdempotencyKey(HexFormat.of().formatHex(hash), requestFingerprint);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
