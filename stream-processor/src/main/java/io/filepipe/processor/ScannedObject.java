package io.filepipe.processor;

import io.filepipe.core.ContentType;

/**
 * What one pass over a stored object found.
 *
 * @param size    bytes read
 * @param sha256  lower-case hex SHA-256 of those bytes
 * @param type    the type sniffed from the first bytes
 * @param content the whole object, kept only for images within the memory limit whose length
 *                matched the recorded size; null otherwise
 * @param header  the first bytes of an image (up to {@link ObjectScanner#IMAGE_HEADER_BYTES}), where
 *                its size is written; empty for anything else
 */
record ScannedObject(long size, String sha256, ContentType type, byte[] content, byte[] header) {

    ScannedObject(long size, String sha256, ContentType type, byte[] content) {
        this(size, sha256, type, content, content == null ? new byte[0] : content);
    }
}
