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
 * buffer, so memory stays bounded by the image limit whatever the object's size; of an image too
 * large to keep, the first {@value #IMAGE_HEADER_BYTES} bytes are kept, where its size is written.
 */
final class ObjectScanner {

    private static final int CHUNK = 64 * 1024;
    /** Enough for the size of a PNG, GIF or WebP, and of a JPEG after EXIF data with a preview picture. */
    static final int IMAGE_HEADER_BYTES = 256 * 1024;

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
            byte[] header = head;
            if (type.isImage() && !keep) {
                byte[] rest = in.readNBytes(IMAGE_HEADER_BYTES - head.length);
                sha256.update(rest);
                header = Arrays.copyOf(head, head.length + rest.length);
                System.arraycopy(rest, 0, header, head.length, rest.length);
            }
            long total = header.length;
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
            return new ScannedObject(total, HexFormat.of().formatHex(sha256.digest()), type, content,
                    type.isImage() ? (content != null ? content : header) : new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the object failed", e);
        }
    }
}
