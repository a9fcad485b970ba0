package io.filepipe.processor;

import io.filepipe.core.ContentType;

/**
 * One encoded thumbnail. Its key depends only on the file and the size, so a retry overwrites what
 * an earlier attempt wrote instead of adding to it.
 */
record Thumbnail(int size, ContentType format, byte[] data) {

    /** {@code <derivedPrefix>thumb-<size>.jpg|png}. */
    public String keyUnder(String derivedPrefix) {
        return derivedPrefix + "thumb-" + size + (format == ContentType.JPEG ? ".jpg" : ".png");
    }
}
