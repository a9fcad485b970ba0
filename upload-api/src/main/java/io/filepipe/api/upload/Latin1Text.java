package io.filepipe.api.upload;

import java.io.Writer;
import java.util.Arrays;

/**
 * Collects characters as ISO-8859-1 bytes ('?' for anything above U+00FF, like
 * {@code String.getBytes(ISO_8859_1)}), for text that a parser can write out in pieces and that
 * only ever needs to be bytes: a base64 payload of several megabytes.
 */
final class Latin1Text extends Writer {

    private byte[] bytes;
    private int length;

    Latin1Text(int expectedLength) {
        bytes = new byte[Math.max(0, expectedLength)];
    }

    @Override
    public void write(char[] chars, int offset, int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + count, bytes.length * 2));
        }
        for (int i = 0; i < count; i++) {
            char c = chars[offset + i];
            bytes[length + i] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        length += count;
    }

    @Override
    public void write(String text, int offset, int count) {
        write(text.toCharArray(), offset, count);
    }

    /** The bytes written so far; the writer must not be used afterwards. */
    byte[] bytes() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public void close() {
        // nothing to release
    }
}
