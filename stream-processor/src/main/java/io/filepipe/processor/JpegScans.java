package io.filepipe.processor;

/**
 * Counts a JPEG's scans (SOS segments) by walking its marker segments, without decoding anything.
 * A progressive JPEG refines the picture scan by scan, and each scan costs the decoder a pass over
 * every block, however few bytes it has: repeating one scan a few thousand times makes a file of a
 * few hundred KB that takes minutes to decode. Sound encoders write about ten scans.
 */
final class JpegScans {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int TEM = 0x01;

    private JpegScans() {
    }

    /**
     * The number of scans, counting stops as soon as it exceeds {@code limit} (so the answer is at
     * most {@code limit + 1}). A malformed structure ends the count where it breaks: the decoder
     * will report the damage.
     */
    static int count(byte[] jpeg, int limit) {
        int scans = 0;
        int at = 2; // after SOI
        while (scans <= limit && at + 1 < jpeg.length) {
            if (u8(jpeg, at) != 0xFF) {
                return scans;
            }
            int marker = u8(jpeg, at + 1);
            if (marker == 0xFF) { // fill byte before a marker
                at++;
                continue;
            }
            if (marker == EOI) {
                return scans;
            }
            if (marker == SOI || marker == TEM || isRestart(marker)) {
                at += 2;
                continue;
            }
            if (at + 3 >= jpeg.length) {
                return scans;
            }
            int next = at + 2 + (u8(jpeg, at + 2) << 8 | u8(jpeg, at + 3));
            if (marker == SOS) {
                scans++;
                next = endOfEntropyCodedData(jpeg, next);
            }
            at = next;
        }
        return scans;
    }

    /** The offset of the first marker after a scan's data: 0xFF followed by neither 0x00 (a stuffed byte) nor a restart. */
    private static int endOfEntropyCodedData(byte[] jpeg, int from) {
        for (int i = from; i + 1 < jpeg.length; i++) {
            if (u8(jpeg, i) == 0xFF) {
                int following = u8(jpeg, i + 1);
                if (following != 0x00 && following != 0xFF && !isRestart(following)) {
                    return i;
                }
            }
        }
        return jpeg.length;
    }

    private static boolean isRestart(int marker) {
        return marker >= 0xD0 && marker <= 0xD7;
    }

    private static int u8(byte[] data, int offset) {
        return data[offset] & 0xFF;
    }
}
