package io.filepipe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {

    private static ContentType sniff(byte[] bytes) {
        return ContentSniffer.sniff(bytes);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void recognisesEachMagicNumber() {
        assertEquals(ContentType.JPEG, sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10)));
        assertEquals(ContentType.PNG, sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0)));
        assertEquals(ContentType.GIF, sniff("GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ContentType.GIF, sniff("GIF87a".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ContentType.WEBP, sniff("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(ContentType.PDF, sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ContentType.ZIP, sniff(bytes('P', 'K', 3, 4, 20, 0)));
        assertEquals(ContentType.ZIP, sniff(bytes('P', 'K', 5, 6, 0, 0)));
    }

    @Test
    void utf8WithoutBinaryControlsIsText() {
        assertEquals(ContentType.TEXT, sniff("héllo, wörld\r\n\tÅ 日本".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void binaryOrInvalidUtf8IsOctetStream() {
        assertEquals(ContentType.OCTET_STREAM, sniff(bytes('a', 0, 'b')));
        assertEquals(ContentType.OCTET_STREAM, sniff(bytes(0xC3, 0x28)));
        assertEquals(ContentType.OCTET_STREAM, sniff(bytes('R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E')));
        assertEquals(ContentType.OCTET_STREAM, sniff(new byte[0]));
    }

    @Test
    void aHeadCutInsideAMultiByteCharacterIsStillText() {
        byte[] whole = "aaaa日".getBytes(StandardCharsets.UTF_8);
        byte[] head = Arrays.copyOf(whole, 6);
        assertEquals(ContentType.TEXT, ContentSniffer.sniff(head, head.length, whole.length));
    }

    @Test
    void onlyTheFirstBytesAreLookedAt() {
        byte[] data = new byte[ContentSniffer.HEAD_BYTES + 1];
        Arrays.fill(data, (byte) 'a');
        data[ContentSniffer.HEAD_BYTES] = 0;
        assertEquals(ContentType.TEXT, sniff(data));
    }

    @Test
    void theNameContradictsTheContentOnlyForKnownExtensions() {
        assertTrue(ContentType.ZIP.contradicts(FileName.of("holiday.jpg")));
        assertFalse(ContentType.JPEG.contradicts(FileName.of("holiday.JPEG")));
        assertFalse(ContentType.ZIP.contradicts(FileName.of("archive.weird")));
        assertFalse(ContentType.TEXT.contradicts(FileName.of("README")));
    }
}
