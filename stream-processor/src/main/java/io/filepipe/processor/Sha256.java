package io.filepipe.processor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 digests without the checked exception that no JDK ever throws for it. */
final class Sha256 {

    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static byte[] of(byte[] data) {
        return newDigest().digest(data);
    }
}
