package io.filepipe.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds a file's real type from its first bytes, never from its name. {@link #HEAD_BYTES} bytes
 * are enough; text is recognised as valid UTF-8 without NUL or other binary control characters.
 */
public final class ContentSniffer {

    /** How many leading bytes {@link #sniff} looks at. */
    public static final int HEAD_BYTES = 512;

    private ContentSniffer() {
    }

    /** Sniffs a whole file held in memory. */
    public static ContentType sniff(byte[] data) {
        return sniff(data, data.length, data.length);
    }

    /**
     * Sniffs {@code head[0..headLength)}, the first bytes (at least {@link #HEAD_BYTES} unless the
     * file is shorter) of a file of {@code fileSize} bytes.
     */
    public static ContentType sniff(byte[] head, int headLength, long fileSize) {
        int n = Math.min(Math.min(headLength, HEAD_BYTES), head.length);
        if (startsWith(head, n, 0xFF, 0xD8, 0xFF)) {
            return ContentType.JPEG;
        }
        if (startsWith(head, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return ContentType.PNG;
        }
        if (startsWith(head, n, 'G', 'I', 'F', '8', '7', 'a') || startsWith(head, n, 'G', 'I', 'F', '8', '9', 'a')) {
            return ContentType.GIF;
        }
        if (n >= 12 && startsWith(head, n, 'R', 'I', 'F', 'F') && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return ContentType.WEBP;
        }
        if (startsWith(head, n, '%', 'P', 'D', 'F', '-')) {
            return ContentType.PDF;
        }
        if (startsWith(head, n, 'P', 'K', 3, 4) || startsWith(head, n, 'P', 'K', 5, 6) || startsWith(head, n, 'P', 'K', 7, 8)) {
            return ContentType.ZIP;
        }
        return n > 0 && isText(head, n, fileSize > n) ? ContentType.TEXT : ContentType.OCTET_STREAM;
    }

    private static boolean startsWith(byte[] data, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((data[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(byte[] data, int length, boolean truncated) {
        for (int i = 0; i < length; i++) {
            int b = data[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F) {
                return false;
            }
        }
        // a head cut from a longer file may end inside a multi-byte character: ignore up to 3 bytes
        int end = length;
        if (truncated) {
            int back = 0;
            while (back < 3 && end > 0 && (data[end - 1] & 0xC0) == 0x80) {
                end--;
                back++;
            }
            if (end > 0 && (data[end - 1] & 0xC0) == 0xC0) {
                end--;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
