package io.filepipe.api.upload;

import io.filepipe.api.upload.InvalidUpload.Kind;
import io.filepipe.core.Sha256;
import java.io.Writer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes {@code file_data} while the parser writes its characters out, in one pass over them:
 * line breaks dropped, whitespace and non-Latin-1 characters noted, each full block handed to the
 * JDK's base64 decoder (an intrinsic) and its bytes to SHA-256 while they are still in cache.
 * The checks are judged at the end, in the order and with the words they always had: empty,
 * whitespace, length, size, alphabet. Characters above U+00FF count as '?', which the decoder
 * refuses.
 */
final class Base64Field extends Writer {

    /** Characters decoded at a time: a multiple of 4, small enough to stay in the first-level cache. */
    private static final int BLOCK = 8192;
    private static final boolean[] WHITESPACE = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            WHITESPACE[c] = Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
    }

    private final UploadLimits limits;
    private final Base64.Decoder decoder = Base64.getDecoder();
    private final MessageDigest sha256 = Sha256.newDigest();
    private final byte[] block = new byte[BLOCK];
    private final byte[] decodedBlock = new byte[BLOCK / 4 * 3];
    private final byte[] data;
    private int blockLength;
    private int dataLength;
    /** Characters kept in blocks already decoded (or skipped once the data was judged). */
    private long decodedUnits;
    private boolean pendingCarriageReturn;
    private boolean whitespace;
    private boolean invalid;
    private boolean padded;
    private boolean overLimit;

    /** {@code textLength}: the characters the parser will write, so that no decoded byte is ever copied to grow. */
    Base64Field(UploadLimits limits, int textLength) {
        this.limits = limits;
        this.data = new byte[(int) Math.min((long) textLength / 4 * 3, limits.maxFileBytes())];
    }

    @Override
    public void write(char[] chars, int offset, int count) {
        // locals in the loop, fields once per block: this loop is the pass over the text
        byte[] units = block;
        int length = blockLength;
        boolean space = false;
        boolean carriageReturn = pendingCarriageReturn;
        int end = offset + count;
        int i = offset;
        while (i < end) {
            if (!carriageReturn) {
                // the common case, a run of characters from '+' to 'z' (the alphabet's range, no whitespace in it)
                int run = Math.min(end - i, BLOCK - length);
                int k = 0;
                while (k < run) {
                    char c = chars[i + k];
                    if (c < '+' || c > 'z') {
                        break;
                    }
                    units[length + k] = (byte) c;
                    k++;
                }
                i += k;
                length = flushIfFull(length + k, space);
                if (k == run) {
                    continue;
                }
            }
            char c = chars[i++];
            if (carriageReturn) {
                carriageReturn = false;
                if (c != '\n') {
                    units[length++] = '\r'; // a \r alone stays, to be refused as whitespace
                    space = true;
                    length = flushIfFull(length, space);
                }
            }
            if (c == '\n') {
                continue;
            }
            if (c == '\r') {
                carriageReturn = true;
                continue;
            }
            byte b = c <= 0xFF ? (byte) c : (byte) '?';
            space |= WHITESPACE[b & 0xFF];
            units[length++] = b;
            length = flushIfFull(length, space);
        }
        whitespace |= space;
        blockLength = length;
        pendingCarriageReturn = carriageReturn;
    }

    @Override
    public void write(String text, int offset, int count) {
        write(text.toCharArray(), offset, count);
    }

    private int flushIfFull(int length, boolean space) {
        if (length < BLOCK) {
            return length;
        }
        whitespace |= space;
        decode(block);
        decodedUnits += BLOCK;
        return 0;
    }

    /** Decodes a block of whole 4-character units, unless an earlier one failed or padding ended the data. */
    private void decode(byte[] units) {
        if (invalid || whitespace || overLimit) {
            return; // judged at the end; nothing more to decode
        }
        if (padded) {
            invalid = true; // data after '=' padding
            return;
        }
        int n;
        try {
            n = decoder.decode(units, decodedBlock);
        } catch (IllegalArgumentException e) {
            invalid = true;
            return;
        }
        if (dataLength + n > data.length) {
            overLimit = true; // the size check at the end answers
            return;
        }
        System.arraycopy(decodedBlock, 0, data, dataLength, n);
        sha256.update(decodedBlock, 0, n);
        dataLength += n;
        padded = units[units.length - 1] == '=';
    }

    /** The decoded upload, after the parser wrote every character; throws the problem the data has. */
    DecodedFile finish() {
        if (pendingCarriageReturn) { // the text ended with a \r alone
            pendingCarriageReturn = false;
            block[blockLength++] = '\r';
            whitespace = true;
            blockLength = flushIfFull(blockLength, true);
        }
        long kept = decodedUnits + blockLength;
        if (kept == 0) {
            throw new InvalidUpload(Kind.EMPTY_FILE, "file_data", "file_data must not be empty");
        }
        if (whitespace) {
            throw new InvalidUpload(Kind.INVALID_BASE64, "file_data", "file_data must not contain spaces, tabs or "
                    + "other whitespace; line breaks (\\n or \\r\\n) are the only separators allowed");
        }
        if (kept % 4 != 0) {
            throw new InvalidUpload(Kind.INVALID_BASE64, "file_data",
                    "file_data must be padded standard base64 (length a multiple of 4, not counting line breaks)");
        }
        int padding = unitFromEnd(1) != '=' ? 0 : unitFromEnd(2) == '=' ? 2 : 1;
        if (kept / 4 * 3 - padding > limits.maxFileBytes()) {
            throw new PayloadTooLarge("file is larger than " + limits.maxFileBytes() + " bytes");
        }
        if (blockLength > 0) {
            decode(Arrays.copyOf(block, blockLength));
        }
        if (invalid) {
            throw new InvalidUpload(Kind.INVALID_BASE64, "file_data",
                    "file_data must be standard base64 (A-Z a-z 0-9 + /, '=' padding; line breaks allowed)");
        }
        // padding and line breaks make the file shorter than the text promised: the one case for a copy
        byte[] bytes = dataLength == data.length ? data : Arrays.copyOf(data, dataLength);
        return new DecodedFile(bytes, sha256.digest());
    }

    /** The {@code n}th character kept, counted from the end (at least 4 were kept); a decoded block is still in the buffer. */
    private byte unitFromEnd(int n) {
        int at = blockLength - n;
        return block[at >= 0 ? at : at + BLOCK];
    }

    @Override
    public void flush() {
        // nothing is buffered for anyone else
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** The file's bytes and their SHA-256, computed while they were decoded. */
    record DecodedFile(byte[] data, byte[] sha256) {
    }
}
