package io.filepipe.core;

import java.util.Objects;

/**
 * Why a file ended {@code REJECTED} or {@code FAILED}: a stable machine-readable code (e.g.
 * {@code CHECKSUM_MISMATCH}, {@code DECOMPRESSION_BOMB}) and a short human message that never
 * carries internals.
 */
public record FileError(String code, String message) {
    public FileError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
