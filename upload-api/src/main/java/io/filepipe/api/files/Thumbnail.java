package io.filepipe.api.files;

import io.filepipe.core.ContentType;
import io.filepipe.core.FileRecord;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.DownloadHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The 512 px thumbnail processing made of an image ({@code thumb-512.*} under its derived prefix). */
public final class Thumbnail {

    static final String NAME = "thumb-512.";

    private Thumbnail() {
    }

    /**
     * A short-lived URL of the file's thumbnail, shown inline under its own type and a name derived
     * from the file's; empty when processing made none (not an image, or not processed).
     */
    public static Optional<URI> presign(BlobStore blobs, FileRecord file, Duration ttl) {
        if (file.result() == null) {
            return Optional.empty();
        }
        return file.result().derivedKeys().stream()
                .filter(k -> k.substring(k.lastIndexOf('/') + 1).startsWith(NAME))
                .findFirst()
                .map(key -> {
                    String extension = key.substring(key.lastIndexOf('.') + 1);
                    String type = ContentType.claimedBy(extension).orElse(ContentType.OCTET_STREAM).mimeType();
                    String name = file.fileName();
                    String baseName = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                    return blobs.presignGet(key, ttl, DownloadHeaders.forSharing(type, baseName + "-512." + extension));
                });
    }
}
