package io.filepipe.processor;

import io.filepipe.core.ContentType;
import io.filepipe.core.FileId;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Sha256;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.BlobStore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Renders a file's thumbnails and stores them under its derived prefix. */
final class ThumbnailWriter {

    private final Thumbnailer thumbnailer;
    private final BlobStore blobs;

    public ThumbnailWriter(Thumbnailer thumbnailer, BlobStore blobs) {
        this.thumbnailer = Objects.requireNonNull(thumbnailer, "thumbnailer");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** Writes every thumbnail and returns their keys, smallest first. */
    public List<String> write(UserId userId, FileId fileId, BufferedImage pixels, Dimensions original,
                              ContentType source) {
        String prefix = KeyScheme.derivedPrefix(userId, fileId);
        List<String> keys = new ArrayList<>();
        for (Thumbnail thumbnail : thumbnailer.render(pixels, original, source)) {
            String key = thumbnail.keyUnder(prefix);
            blobs.put(key, thumbnail.data(), thumbnail.format().mimeType(), Sha256.of(thumbnail.data()));
            keys.add(key);
        }
        return keys;
    }
}
