package io.filepipe.processor;

import io.filepipe.core.FileId;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Sha256;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.BlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Stores a file's rendered thumbnails under its derived prefix. */
final class ThumbnailWriter {

    private final BlobStore blobs;

    public ThumbnailWriter(BlobStore blobs) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** Writes every thumbnail and returns their keys, in the order given. */
    public List<String> write(UserId userId, FileId fileId, List<Thumbnail> thumbnails) {
        String prefix = KeyScheme.derivedPrefix(userId, fileId);
        List<String> keys = new ArrayList<>();
        for (Thumbnail thumbnail : thumbnails) {
            String key = thumbnail.keyUnder(prefix);
            blobs.put(key, thumbnail.data(), thumbnail.format().mimeType(), Sha256.of(thumbnail.data()));
            keys.add(key);
        }
        return keys;
    }
}
