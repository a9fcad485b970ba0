package io.filepipe.processor;

import io.filepipe.core.ContentSniffer;
import io.filepipe.core.ContentType;
import io.filepipe.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads an object once: counts and hashes every byte, sniffs the type from the head, and keeps the
 * bytes only when they are an image that will be decoded. Everything else streams through a fixed
 * buffer, so memory stays bounded by the image limit whatever the object's size.
 */
final class ObjectScanner {

    private static final int CHUNK = 64 * 1024;

    private final int maxBufferedBytes;

    public ObjectScanner(int maxBufferedBytes) {
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /**
     * Scans {@code in} to its end. {@code recordedSize} is the size the upload recorded; it sizes the
     * buffer up front, and bytes beyond it are not kept (the size check fails anyway). Read errors
     * surface as {@link UncheckedIOException}: a broken connection is worth a retry.
     */
    public ScannedObject scan(InputStream in, long recordedSize) {
        MessageDigest sha256 = Sha256.newDigest();
        try {
            byte[] head = in.readNBytes(ContentSniffer.HEAD_BYTES);
            sha256.update(head);
            ContentType type = ContentSniffer.sniff(head, head.length, recordedSize);
            boolean keep = type.isImage() && recordedSize <= maxBufferedBytes && head.length <= recordedSize;
            byte[] content = keep ? Arrays.copyOf(head, (int) recordedSize) : null;
            long total = head.length;
            byte[] chunk = new byte[CHUNK];
            for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
                sha256.update(chunk, 0, n);
                if (content != null && total + n <= recordedSize) {
                    System.arraycopy(chunk, 0, content, (int) total, n);
                } else {
                    content = null;
                }
                total += n;
            }
            if (total != recordedSize) {
                content = null;
            }
            return new ScannedObject(total, HexFormat.of().formatHex(sha256.digest()), type, content);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the object failed", e);
        }
    }
}
