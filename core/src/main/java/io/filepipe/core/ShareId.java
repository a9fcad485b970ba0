package io.filepipe.core;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in a share link: 128 bits from {@link SecureRandom} in URL-safe base64 without
 * padding (22 characters). Only its {@link #hash()} is ever stored, so a copy of the table does
 * not open anyone's files.
 */
public record ShareId(String value) {

    private static final int BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ShareId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a share id");
        }
    }

    /** A new id, unguessable. */
    public static ShareId generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new ShareId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The id in {@code raw}, or empty when it cannot be one. */
    public static Optional<ShareId> parse(String raw) {
        return raw != null && FORMAT.matcher(raw).matches() ? Optional.of(new ShareId(raw)) : Optional.empty();
    }

    /** What the table stores and looks the share up by: the SHA-256 of the id, in hex. */
    public String hash() {
        return Sha256.hex(value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ShareId[hash=" + hash() + "]";
    }
}
