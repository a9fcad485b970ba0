package io.filepipe.local.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/** The base64 text of another stream, encoded a block at a time: the whole text is never in memory. */
final class Base64Stream extends InputStream {

    private static final int BLOCK = 3 * 16 * 1024;

    private final InputStream in;
    private byte[] encoded = new byte[0];
    private int position;
    private boolean ended;

    Base64Stream(InputStream in) {
        this.in = in;
    }

    /** The length of the base64 text of {@code size} bytes, with padding. */
    static long encodedLength(long size) {
        return (size + 2) / 3 * 4;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == encoded.length) {
            if (ended) {
                return -1;
            }
            // a whole number of 3-byte groups, so no padding appears before the end
            byte[] block = in.readNBytes(BLOCK);
            ended = block.length < BLOCK;
            encoded = Base64.getEncoder().encode(block);
            position = 0;
            if (encoded.length == 0) {
                return -1;
            }
        }
        int n = Math.min(len, encoded.length - position);
        System.arraycopy(encoded, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
