package io.filepipe.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class Sha256Test {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.UTF_8);

    @Test
    void hexIsTheLowerCaseDigestOfTheStandardsTestVector() {
        // FIPS 180-2, appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex(ABC));
    }

    @Test
    void aDigestFedInPiecesEqualsTheDigestOfTheWhole() {
        MessageDigest digest = Sha256.newDigest();
        digest.update(ABC, 0, 1);
        digest.update(ABC, 1, 2);
        assertArrayEquals(Sha256.of(ABC), digest.digest());
    }
}
