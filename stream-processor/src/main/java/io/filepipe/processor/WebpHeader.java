package io.filepipe.processor;

import java.util.Optional;

/**
 * Reads a WebP image's canvas size from its first 30 bytes. The JDK has no WebP decoder, so this is
 * all filepipe learns about WebP images; it is enough to apply the pixel limit.
 *
 * <pre>
 * 0  "RIFF" size "WEBP"      12  chunk fourcc, 16 chunk size, 20 chunk data
 * VP8   (lossy)     data[3..5] = 9D 01 2A, then 14-bit width and height, little-endian
 * VP8L  (lossless)  data[0] = 2F, then 14 bits width-1 and 14 bits height-1
 * VP8X  (extended)  data[4..6] width-1 and data[7..9] height-1, 24 bits each
 * </pre>
 */
final class WebpHeader {

    static final int BYTES_NEEDED = 30;

    private WebpHeader() {
    }

    /** The canvas size, or empty when the header is not a well-formed WebP header. */
    public static Optional<Dimensions> dimensions(byte[] head) {
        if (head.length < BYTES_NEEDED || !ascii(head, 0, "RIFF") || !ascii(head, 8, "WEBP")) {
            return Optional.empty();
        }
        if (ascii(head, 12, "VP8 ")) {
            if (u8(head, 23) != 0x9D || u8(head, 24) != 0x01 || u8(head, 25) != 0x2A) {
                return Optional.empty();
            }
            return of(u16(head, 26) & 0x3FFF, u16(head, 28) & 0x3FFF);
        }
        if (ascii(head, 12, "VP8L")) {
            if (u8(head, 20) != 0x2F) {
                return Optional.empty();
            }
            long bits = u16(head, 21) | (long) u16(head, 23) << 16;
            return of((int) (bits & 0x3FFF) + 1, (int) (bits >> 14 & 0x3FFF) + 1);
        }
        if (ascii(head, 12, "VP8X")) {
            return of(u24(head, 24) + 1, u24(head, 27) + 1);
        }
        return Optional.empty();
    }

    private static Optional<Dimensions> of(int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new Dimensions(width, height)) : Optional.empty();
    }

    private static boolean ascii(byte[] data, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (data[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] data, int offset) {
        return data[offset] & 0xFF;
    }

    private static int u16(byte[] data, int offset) {
        return u8(data, offset) | u8(data, offset + 1) << 8;
    }

    private static int u24(byte[] data, int offset) {
        return u16(data, offset) | u8(data, offset + 2) << 16;
    }
}
