package io.filepipe.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one digest filepipe uses: of an upload's bytes (stored with the item, sent to S3
 * as its checksum, verified by the processor) and of idempotency keys. Without the checked
 * exception that no JDK ever throws for it.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest, for data that arrives in pieces. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The 32-byte digest of {@code data}. */
    public static byte[] of(byte[] data) {
        return newDigest().digest(data);
    }

    /** The digest of {@code data} in lower-case hex, as the item's {@code sha256} attribute holds it. */
    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(of(data));
    }
}
